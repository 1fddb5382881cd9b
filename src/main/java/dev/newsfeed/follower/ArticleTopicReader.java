package dev.newsfeed.follower;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;
import dev.newsfeed.view.ArticleChange;
import dev.newsfeed.view.Checkpoint;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.LogPosition;

/**
 * Reads the articles and retractions topics into a {@link FeedView} and then follows them, from where the
 * view's checkpoint says it stopped. Every partition by explicit assignment, with no consumer group and no
 * committed offsets: every instance builds the same view. Plain Kafka client code, so tests can build a second
 * view of the same topics.
 *
 * <p>It never dies silently: a failure of Kafka or of the view ends the session, is logged and counted, and a new
 * session starts after a backoff from the last applied position. The view has caught up once the positions on
 * every partition reach the end offsets read when reading began; positions, not offsets of records seen,
 * because compaction leaves gaps before the end.
 *
 * <p>What it can no longer bring up to date it rebuilds, while running too, and is not caught up until the rebuild
 * is: records it had not read were deleted or the log was truncated (an offset out of range: never a silent
 * rewind), the topics were deleted and created again, or the view's index writer was closed by a tragic error
 * (the rebuild opens a new one). Partitions added to the topics after the view read them are refused, not read
 * (see {@link #refusedPartitions()}). An {@link VirtualMachineError} (out of memory) ends it for good: retrying
 * on a broken heap would only hide it from the liveness check.
 */
public final class ArticleTopicReader implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArticleTopicReader.class);
    /** How long a metadata request (partitions, offsets, positions) may wait for the broker. */
    private static final Duration METADATA_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LOG_STARTS_REFRESH = Duration.ofMinutes(5);
    private static final Duration PARTITIONS_REFRESH = Duration.ofSeconds(10);
    /**
     * Records applied as one batch at most while replaying: about 10 MB of articles of 2 KB. While one batch is
     * applied, the next is read and decoded, so two are held at once.
     */
    private static final int MAX_BATCH = 5_000;

    /** The topics' ids, to tell a recreated topic from the one the view was built of; null parts are unknown. */
    public record TopicIds(String articles, String retractions) {
    }

    /**
     * Hears each batch applied while following the topics, after the catch-up, that the view showed at once: for the
     * meters, which this plain Java reader leaves to its caller. A burst of records that nobody waits for, which the
     * view shows at its end rather than batch by batch, is not heard.
     */
    @FunctionalInterface
    public interface BatchListener {
        /**
         * @param applyNanos how long the view took to apply the batch and show it
         * @param shownAfterMillis for each record of the batch that became an article change, the time from its
         *        Kafka timestamp to the moment the view showed it
         */
        void applied(long applyNanos, long[] shownAfterMillis);
    }

    /**
     * Hears, for tracing, the article records of each batch applied while following the topics, around the view's
     * apply; like the meters, left to the reader's caller. Without one (tracing off), a batch costs nothing more.
     */
    @FunctionalInterface
    public interface ApplyTracer {
        /** Called before the view applies a batch of these records; what it returns hears how the apply ended. */
        Applying applying(List<ConsumerRecord<String, byte[]>> records);

        /** One batch being applied. */
        @FunctionalInterface
        interface Applying {
            /** Whether the view shows the batch already (a burst is shown at its end), and its failure or null. */
            void ended(boolean shown, Throwable failure);
        }
    }

    /** How the reader paces itself; {@code pollTimeout} is how long a poll waits for records that do not come. */
    public record Pacing(Duration minBackoff, Duration maxBackoff, Duration commitInterval, Duration pollTimeout) {
        public static final Pacing DEFAULT = new Pacing(Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final String retractionsTopic;
    private final FeedView view;
    private final RecordDecoder decoder;
    private final int maxPollRecords;
    private final Pacing pacing;
    private final Clock clock;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Map<SkipReason, AtomicLong> skipped = new EnumMap<>(SkipReason.class);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private final ReaderProgress progress;
    private volatile TopicIds topicIds = new TopicIds(null, null);
    private volatile Supplier<TopicIds> topicIdLookup;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;
    private volatile boolean reading;
    /** Whether the view holds everything up to where this pass began, rebuilt or not: false again on a rebuild. */
    private volatile boolean passCaughtUp;
    private volatile boolean rebuilding;
    private volatile long lag = -1;
    private volatile String lastFailure;
    private final AddedPartitions added = new AddedPartitions();
    /** Why the next session must rebuild the view; only the reading thread writes it. */
    private String pendingRebuild;
    /**
     * After a failure, the next round commits at once, and none counts as completed before a commit did: a view that
     * cannot write (a full disk) fails every round then, instead of completing the rounds between two commits.
     */
    private boolean mustCommit;
    /** Whether the current session completed a round: the backoff starts again from its least after one did. */
    private boolean roundCompleted;
    /** Failures with the index writer closed since the last pass that caught up: two mean a new writer failed too. */
    private volatile int writerFailures;
    private volatile Throwable fatal;
    private volatile Instant lastApplied;
    private volatile BatchListener batchListener = (applyNanos, shownAfterMillis) -> {
    };
    private volatile ApplyTracer applyTracer;
    /**
     * Applies a replay's batches while the reading thread reads and decodes the next one: together with the view's
     * second indexing thread, both cores index, instead of one waiting for Kafka and the decoder in turn.
     */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "newsfeed-view-applier");
        thread.setDaemon(true);
        return thread;
    });
    /** A replay's batch being applied, or null; only the reading thread reads or writes it. */
    private InFlight inFlight;

    /** A replay's batch handed to the applier, and what to record once it is applied. */
    private record InFlight(Future<?> apply, int read, Map<TopicPartition, Long> positions) {
    }

    /**
     * @param consumerConfig connection settings ({@code bootstrap.servers}, security); group settings are dropped
     * @param retractionsTopic the topic of retractions, read along with the articles; null for none
     */
    public ArticleTopicReader(Map<String, Object> consumerConfig, String topic, String retractionsTopic,
            FeedView view, Pacing pacing, Clock clock) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // An offset out of range (records deleted, a log truncated) is an error that rebuilds the view, never a
        // silent jump to either end of the log.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.maxPollRecords = Integer.parseInt(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG).toString());
        // Bounded fetches, so that a replay fits a small heap whatever the size of the articles.
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        // Partitions added to the topics are noticed within this, instead of Kafka's default five minutes.
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) PARTITIONS_REFRESH.toMillis());
        this.consumerConfig = config;
        this.topic = topic;
        this.retractionsTopic = retractionsTopic;
        this.view = view;
        this.decoder = new RecordDecoder(topic);
        this.pacing = pacing;
        this.clock = clock;
        for (SkipReason reason : SkipReason.values()) {
            skipped.put(reason, new AtomicLong());
        }
        this.progress = new ReaderProgress(clock);
    }

    public ArticleTopicReader(Map<String, Object> consumerConfig, String topic, String retractionsTopic,
            FeedView view) {
        this(consumerConfig, topic, retractionsTopic, view, Pacing.DEFAULT, Clock.systemUTC());
    }

    public FeedView view() {
        return view;
    }

    /** The ids of the topics as the cluster describes them; set before {@link #run()} to notice recreated topics. */
    public void topicIds(TopicIds ids) {
        this.topicIds = ids;
    }

    /**
     * Where to ask for the topics' ids while reading, every few seconds, so that a topic deleted and created again
     * under a running reader is noticed (the view rebuilt, old since tokens refused); it answers null when it cannot
     * tell. Without one, the ids set by {@link #topicIds(TopicIds)} are trusted.
     */
    public void followTopicIds(Supplier<TopicIds> lookup) {
        this.topicIdLookup = lookup;
    }

    /** Completes once the view holds everything the topics held when this reader first began. */
    public CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    /** Whether the view holds everything the topics held when this pass began: false while it rebuilds. */
    public boolean isCaughtUp() {
        return passCaughtUp;
    }

    /** Whether the view was emptied to be read again from the beginning, and has not caught up since. */
    public boolean isRebuilding() {
        return rebuilding;
    }

    /** Partitions added to the topics after the view had read them, which it does not read (README, Partitions). */
    public List<TopicPartition> refusedPartitions() {
        return added.refused();
    }

    /** What the reader last applied, and when it last moved: for lag measured against the brokers' end offsets. */
    public ReaderProgress progress() {
        return progress;
    }

    /** Why the view's index cannot be written now, or null. */
    public Throwable writerFailure() {
        return view.writerFailure();
    }

    /**
     * Whether the view cannot mend itself: a new index writer failed again before the view caught up, or an error of
     * the virtual machine (out of memory) ended the reader. Only a restart of the process helps.
     */
    public boolean cannotRecover() {
        return fatal != null || writerFailures >= 2;
    }

    /** Tells {@code listener} of every batch applied from now on, once the view has caught up. */
    public void onApplied(BatchListener listener) {
        this.batchListener = listener;
    }

    /** Has {@code tracer} hear the article records of every batch applied once the view has caught up. */
    public void traceApplies(ApplyTracer tracer) {
        this.applyTracer = tracer;
    }

    /** Whether a session is reading the topics now. */
    public boolean isReading() {
        return reading;
    }

    /** Records behind the end of the topics at the last poll; -1 while unknown. */
    public long lag() {
        return lag;
    }

    /** When the reader last applied records or found itself at the end. */
    public Instant lastProgress() {
        return progress.lastProgress();
    }

    /** When the reader last applied a batch of records, or null while it never did. */
    public Instant lastApplied() {
        return lastApplied;
    }

    /** Times the view was emptied to be read again from the beginning of the topics. */
    public long rebuilds() {
        return rebuilds.get();
    }

    /** Sessions that ended in a failure. */
    public long failures() {
        return failures.get();
    }

    /** The last failure, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Records read from the topics, applied or skipped. */
    public long recordsRead() {
        return recordsRead.get();
    }

    /** Records left out of the view because they are not articles, by reason. */
    public long skippedRecords(SkipReason reason) {
        return skipped.get(reason).get();
    }

    public long skippedRecords() {
        return skipped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void run() {
        try {
            read();
        } finally {
            // Its last batch was waited for as the last session ended.
            applier.shutdown();
        }
    }

    private void read() {
        Duration backoff = pacing.minBackoff();
        while (!closed) {
            try {
                session();
                return;
            } catch (RebuildNeeded e) {
                boolean again = rebuilding;
                pendingRebuild = e.getMessage();
                // Not caught up from this moment: the view no longer matches the topics.
                passCaughtUp = false;
                rebuilding = true;
                // Not a failure: the next session rebuilds at once, and readiness is DOWN until it has caught up; a
                // rebuild that needs another before it caught up waits first, so that nothing spins.
                LOG.warnf("The feed view must be rebuilt: %s", e.getMessage());
                if (!again) {
                    continue;
                }
            } catch (WakeupException e) {
                if (closed) {
                    return;
                }
                failed(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (VirtualMachineError e) {
                // Out of memory (or a broken JVM): no retry. The liveness check fails, and the orchestrator restarts.
                fatal = e;
                lastFailure = e.toString();
                progress.failed();
                throw e;
            } catch (RuntimeException | Error e) {
                failed(e);
            } finally {
                reading = false;
            }
            if (roundCompleted) {
                // The session that ended had worked: this is a new failure, not the next retry of an old one.
                backoff = pacing.minBackoff();
                roundCompleted = false;
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(pacing.maxBackoff()) > 0 ? pacing.maxBackoff()
                    : backoff.multipliedBy(2);
        }
    }

    private void failed(Throwable e) {
        failures.incrementAndGet();
        lastFailure = e.toString();
        progress.failed();
        mustCommit = true;
        Throwable writer = view.writerFailure();
        if (writer != null) {
            writerFailures++;
            passCaughtUp = false;
            rebuilding = true;
            pendingRebuild = "the view's index writer was closed by " + writer
                    + "; a new writer reads the topics again from their beginning";
            LOG.errorf(e, "The feed view's index cannot be written (%s); rebuilding it with a new writer", writer);
        } else {
            LOG.errorf(e, "The feed view stopped reading %s; resuming from its last applied position", topic);
        }
    }

    private boolean pause(Duration backoff) {
        try {
            synchronized (this) {
                if (!closed) {
                    wait(backoff.toMillis());
                }
            }
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void session() throws InterruptedException {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer = kafka;
            if (closed) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>(partitions(kafka, topic));
            if (retractionsTopic != null) {
                partitions.addAll(partitions(kafka, retractionsTopic));
            }
            TopicIds ids = currentTopicIds();
            Map<TopicPartition, Long> end = new HashMap<>(kafka.endOffsets(partitions));
            partitions = startFromCheckpoint(kafka, partitions, end, ids);
            end.keySet().retainAll(partitions);
            reading = true;
            Instant logStartsRead = Instant.MIN;
            Instant partitionsRead = clock.instant();
            Instant committed = clock.instant();
            while (!closed) {
                // Before the poll: a view already at the end (empty topics, or a restart with nothing new) has caught
                // up at once, not after a poll has waited its whole timeout for records that do not come.
                if (!passCaughtUp && reached(kafka, end)) {
                    // Read to the end is not applied to the end: the last batch may still be in the applier's hands.
                    landed();
                    view.commit();
                    committed = clock.instant();
                    LOG.infof("Feed view caught up with %s: %d articles", topic, view.size());
                    writerFailures = 0;
                    rebuilding = false;
                    passCaughtUp = true;
                    caughtUp.complete(null);
                }
                if (logStartsRead.plus(LOG_STARTS_REFRESH).isBefore(clock.instant())) {
                    readLogStarts(kafka, partitions);
                    logStartsRead = clock.instant();
                }
                if (partitionsRead.plus(PARTITIONS_REFRESH).isBefore(clock.instant())) {
                    checkTopicIds(ids);
                    refuseNewPartitions(kafka, partitions);
                    partitionsRead = clock.instant();
                }
                ConsumerRecords<String, byte[]> records;
                try {
                    records = kafka.poll(pacing.pollTimeout());
                } catch (OffsetOutOfRangeException e) {
                    // Never a rewind: what the view holds can no longer be brought up to date from where it stands.
                    throw new RebuildNeeded("the view's positions " + e.offsetOutOfRangePartitions()
                            + " are out of range of the logs now (records deleted or the log truncated)");
                }
                boolean handedOver = false;
                if (!records.isEmpty()) {
                    handedOver = applyBatch(kafka, records, partitions);
                } else {
                    // Nothing more for now: whatever a replay applied without showing it yet is shown.
                    landed();
                    view.refresh();
                }
                lag = lag(kafka, partitions);
                if (mustCommit || committed.plus(pacing.commitInterval()).isBefore(clock.instant())) {
                    landed();
                    view.commit();
                    committed = clock.instant();
                    mustCommit = false;
                }
                if (!handedOver) {
                    // A batch still being applied is recorded as progress once it is.
                    progress.moved(positions(kafka, partitions), lag == 0);
                }
                roundCompleted = true;
            }
        } finally {
            consumer = null;
            // The next session starts from what the view applied: nothing may still be applying then.
            abandonInFlight();
        }
    }

    /**
     * Waits for the replay's batch in the applier's hands, if any, and records it: afterwards the view holds
     * everything this session read. Its failure is this session's.
     */
    private void landed() throws InterruptedException {
        InFlight batch = inFlight;
        if (batch == null) {
            return;
        }
        inFlight = null;
        try {
            batch.apply().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
        lastApplied = clock.instant();
        recordsRead.addAndGet(batch.read());
        progress.moved(batch.positions(), false);
    }

    /**
     * Waits for a batch that a session ending anyway had handed to the applier; its failure is not the session's,
     * which already has one (or was closed).
     */
    private void abandonInFlight() {
        try {
            landed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.debugf("A replayed batch failed as its session ended: %s", LogValues.safe(e.toString()));
        }
    }

    private TopicIds currentTopicIds() {
        Supplier<TopicIds> lookup = topicIdLookup;
        TopicIds now = lookup == null ? null : lookup.get();
        if (now != null && now.articles() != null) {
            topicIds = now;
        }
        return topicIds;
    }

    /** Ends the session when a topic was deleted and created again under the same name since it began. */
    private void checkTopicIds(TopicIds began) {
        Supplier<TopicIds> lookup = topicIdLookup;
        TopicIds now = lookup == null ? null : lookup.get();
        if (now == null) {
            return;
        }
        if (changed(began.articles(), now.articles()) || changed(began.retractions(), now.retractions())) {
            throw new RebuildNeeded("the topics were deleted and created again while the view read them");
        }
    }

    private static boolean changed(String before, String now) {
        return before != null && now != null && !before.equals(now);
    }

    /**
     * Seeks every partition to where the view stopped, and returns the partitions to read. The view is rebuilt from
     * the beginning when it must be ({@link #pendingRebuild}), when the topics are not the ones it was built of
     * (recreated), or when records it has not read were deleted or the log is now shorter than what it read: then
     * what it holds can no longer be brought up to date. Partitions missing from a view that lists every partition
     * it read were added since: they are refused.
     */
    private List<TopicPartition> startFromCheckpoint(KafkaConsumer<String, byte[]> kafka,
            List<TopicPartition> partitions, Map<TopicPartition, Long> end, TopicIds ids) {
        Checkpoint checkpoint = view.checkpoint();
        String rebuild = pendingRebuild;
        if (rebuild == null && !checkpoint.readFrom(ids.articles(), ids.retractions())) {
            rebuild = "the topics were deleted and created again since the view was built";
        }
        List<TopicPartition> addedSince = rebuild != null ? List.of()
                : AddedPartitions.since(checkpoint, partitions, this::log);
        List<TopicPartition> read = partitions.stream().filter(partition -> !addedSince.contains(partition)).toList();
        if (rebuild == null && !checkpoint.isEmpty()) {
            Map<TopicPartition, Long> beginning = kafka.beginningOffsets(read);
            for (TopicPartition partition : read) {
                long at = checkpoint.next(log(partition));
                if (at < beginning.get(partition) || at > end.get(partition)) {
                    rebuild = "partition " + partition + " now holds offsets " + beginning.get(partition) + " to "
                            + end.get(partition) + ", and the view stopped at " + at;
                    break;
                }
            }
        }
        if (rebuild != null) {
            rebuilds.incrementAndGet();
            rebuilding = true;
            passCaughtUp = false;
            progress.restarted();
            view.rebuild(rebuild);
            // Kept until the view was emptied: a rebuild that fails is tried again by the next session.
            pendingRebuild = null;
            read = partitions;
        } else {
            added.refuse(addedSince);
        }
        view.topics(ids.articles(), ids.retractions());
        if (ids.articles() != null && !ids.articles().equals(view.horizon().topicId())) {
            // Since tokens of a topic recreated under the same name are refused (410) from now on.
            view.horizon(view.horizon().withTopicId(ids.articles()));
        }
        Checkpoint from = view.checkpoint();
        boolean fromTheBeginning = from.next().values().stream().allMatch(offset -> offset == 0);
        // Every partition read is named in the checkpoint, empty ones at 0: a later start tells added ones by that.
        Map<String, Long> unlisted = new HashMap<>();
        read.stream().filter(partition -> !from.next().containsKey(log(partition)))
                .forEach(partition -> unlisted.put(log(partition), 0L));
        if (!unlisted.isEmpty()) {
            view.apply(List.of(), unlisted);
        }
        kafka.assign(read);
        long behind = 0;
        for (TopicPartition partition : read) {
            long at = from.next(log(partition));
            if (at == 0) {
                kafka.seekToBeginning(List.of(partition));
            } else {
                kafka.seek(partition, at);
            }
            behind += Math.max(0, end.get(partition) - at);
        }
        LOG.infof("Reading %s from %s (%d partitions, %d records at most to catch up)", topic,
                fromTheBeginning ? "the beginning" : "the view's checkpoint", read.size(), behind);
        return read;
    }

    /** Partitions added to the topics while the view reads them: refused, see {@link AddedPartitions}. */
    private void refuseNewPartitions(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> known) {
        List<TopicPartition> now = new ArrayList<>();
        for (String name : retractionsTopic == null ? List.of(topic) : List.of(topic, retractionsTopic)) {
            List<PartitionInfo> infos;
            try {
                infos = kafka.partitionsFor(name, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                return;
            }
            if (infos == null) {
                return;
            }
            infos.forEach(info -> now.add(new TopicPartition(name, info.partition())));
        }
        added.refuse(now.stream().filter(partition -> !known.contains(partition)).toList());
    }

    /**
     * Applies what one poll returned, and while polls come back full (a replay), what the next ones return too,
     * up to {@link #MAX_BATCH} records: fewer, larger batches make a replay faster. Before the view has caught up,
     * the batch is handed to the applier once the one before it was applied, and this returns at once.
     *
     * @return whether the batch was handed to the applier rather than applied
     */
    private boolean applyBatch(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> first,
            List<TopicPartition> partitions) throws InterruptedException {
        List<ArticleChange> changes = new ArrayList<>(first.count());
        Map<String, Long> readUpTo = new HashMap<>();
        // How old a record is when shown says something only of records that came while following, not of a replay.
        LongStream.Builder timestamps = passCaughtUp ? LongStream.builder() : null;
        // Traced while following only: a replay's records belong to traces long ended.
        ApplyTracer tracer = passCaughtUp ? applyTracer : null;
        List<ConsumerRecord<String, byte[]>> traced = tracer == null ? null : new ArrayList<>();
        int read = 0;
        ConsumerRecords<String, byte[]> records = first;
        while (true) {
            // Retractions first: a retraction and its own tombstone often arrive in one poll, and taking the
            // retraction first files the id under it at once instead of under the tombstone for a moment.
            if (retractionsTopic != null) {
                decode(records.records(retractionsTopic), changes, readUpTo, timestamps);
            }
            decode(records.records(topic), changes, readUpTo, timestamps);
            if (traced != null) {
                records.records(topic).forEach(traced::add);
            }
            read += records.count();
            if (records.count() < maxPollRecords || read >= MAX_BATCH || closed) {
                break;
            }
            records = kafka.poll(Duration.ZERO);
            if (records.isEmpty()) {
                break;
            }
        }
        if (!passCaughtUp) {
            landed();
            Map<TopicPartition, Long> readTo = positions(kafka, partitions);
            int count = read;
            inFlight = new InFlight(applier.submit(() -> view.apply(changes, readUpTo)), count, readTo);
            return true;
        }
        ApplyTracer.Applying applying = traced == null || traced.isEmpty() ? null : tracer.applying(traced);
        long started = System.nanoTime();
        boolean shown;
        try {
            shown = view.apply(changes, readUpTo);
        } catch (RuntimeException | Error e) {
            if (applying != null) {
                applying.ended(false, e);
            }
            throw e;
        }
        long applyNanos = System.nanoTime() - started;
        if (applying != null) {
            applying.ended(shown, null);
        }
        lastApplied = clock.instant();
        recordsRead.addAndGet(read);
        if (timestamps != null && shown) {
            long now = clock.millis();
            long[] ages = timestamps.build().map(timestamp -> Math.max(0, now - timestamp)).toArray();
            try {
                batchListener.applied(applyNanos, ages);
            } catch (RuntimeException e) {
                // A meter must never stop the view from following the topics.
                LOG.debugf("A batch listener failed: %s", LogValues.safe(e.toString()));
            }
        }
        return false;
    }

    private void decode(Iterable<ConsumerRecord<String, byte[]>> records, List<ArticleChange> changes,
            Map<String, Long> readUpTo, LongStream.Builder timestamps) {
        for (ConsumerRecord<String, byte[]> record : records) {
            LogPosition position = decoder.position(record);
            readUpTo.merge(position.log(), position.offset() + 1, Math::max);
            try {
                changes.add(decoder.decode(record));
                // Kafka gives -1 to a record that has no timestamp (an old message format).
                if (timestamps != null && record.timestamp() >= 0) {
                    timestamps.add(record.timestamp());
                }
            } catch (UnusableRecordException e) {
                skipped.get(e.reason()).incrementAndGet();
                LOG.warnf("Skipped record %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        e.reason().tag, LogValues.safe(e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }

    /** Where each log starts now: records before it were deleted, and the changes they made are gone. */
    private void readLogStarts(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        try {
            Map<String, Long> starts = new HashMap<>();
            kafka.beginningOffsets(partitions, METADATA_TIMEOUT).forEach((partition, offset) -> starts
                    .put(log(partition), offset));
            view.horizon(view.horizon().withLogStarts(starts));
        } catch (TimeoutException e) {
            LOG.debugf("Kafka did not answer for the log start offsets of %s; keeping the last: %s", topic,
                    e.getMessage());
        }
    }

    private String log(TopicPartition partition) {
        return partition.topic().equals(topic) ? LogPosition.article(partition.partition(), 0).log()
                : LogPosition.retraction(partition.partition(), 0).log();
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka, String name)
            throws InterruptedException {
        while (!closed) {
            List<PartitionInfo> infos = kafka.partitionsFor(name);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(name, info.partition())).toList();
            }
            LOG.warnf("Topic %s does not exist yet; waiting for it", name);
            if (!pause(pacing.minBackoff())) {
                break;
            }
        }
        throw new WakeupException();
    }

    /** The consumer's position on each partition it knows one for: what the view has read up to. */
    private static Map<TopicPartition, Long> positions(KafkaConsumer<String, byte[]> kafka,
            List<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                positions.put(partition, kafka.position(partition, Duration.ZERO));
            } catch (TimeoutException e) {
                // Not known before the first fetch after a seek to the beginning: the lag counts from 0 then.
            }
        }
        return positions;
    }

    /** Ends a session whose view must be read again from the beginning; the next session rebuilds it. */
    private static final class RebuildNeeded extends RuntimeException {
        RebuildNeeded(String why) {
            super(why, null, false, false);
        }
    }

    /** Records between the positions and the ends of the logs, as the last fetches saw them; -1 when unknown. */
    private static long lag(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        long total = 0;
        for (TopicPartition partition : partitions) {
            OptionalLong behind = kafka.currentLag(partition);
            if (behind.isEmpty()) {
                return -1;
            }
            total += behind.getAsLong();
        }
        return total;
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        try {
            return end.entrySet().stream()
                    .allMatch(partition -> kafka.position(partition.getKey(), METADATA_TIMEOUT)
                            >= partition.getValue());
        } catch (TimeoutException e) {
            return false;
        }
    }
}
