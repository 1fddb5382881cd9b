package dev.newsfeed.follower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.SinceExpiredException;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 19: the reader's edges on a real broker and a real disk, and what health says of each, judged from outside
 * the reader ({@link ViewCondition}) as readiness judges it.
 */
@QuarkusTest
class ReaderFaultsTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static final ArticleTopicReader.Pacing QUICK = new ArticleTopicReader.Pacing(Duration.ofMillis(100),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(200));
    private static final Duration STALL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Admin admin;

    @Inject
    ObjectMapper json;

    @TempDir
    Path dataDir;

    /** Finding 3: lag measured by the reader itself said 0 while it hung inside a batch. */
    @Test
    void readerHungInsideABatchIsNotReadyOnceItIsBehindForTheStallTimeout() throws Exception {
        String name = newTopic(1);
        send(name, "first");
        CountDownLatch hang = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        try (FeedView view = FeedView.inMemory()) {
            ArticleTopicReader reader = reader(name, view, Map.of());
            hangWhenArmed(reader, armed, hang);
            try (Running running = start(reader)) {
                await().atMost(WAIT).until(() -> condition(reader, name).ready());
                armed.set(true);
                send(name, "second");
                send(name, "third");

                await().atMost(WAIT).until(() -> condition(reader, name).stalled());
                ViewCondition hung = condition(reader, name);
                assertThat(hung.ready()).isFalse();
                assertThat(hung.lagRecords()).as("measured against the brokers, not by the hung reader").isPositive();
                assertThat(reader.isCaughtUp()).as("it believes itself caught up").isTrue();

                hang.countDown();
                await().atMost(WAIT).until(() -> condition(reader, name).ready());
                assertThat(view.find("third")).isPresent();
            } finally {
                hang.countDown();
            }
        }
    }

    /** Findings 4 and 6: records deleted before the reader read them rebuild the view, never a silent rewind. */
    @Test
    void recordsDeletedBeforeARunningReaderReadThemRebuildItsViewAndItIsNotCaughtUpMeanwhile() throws Exception {
        String name = newTopic(1);
        send(name, "first");
        CountDownLatch hang = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean();
        CountDownLatch rebuildBegins = new CountDownLatch(1);
        CountDownLatch rebuildGoesOn = new CountDownLatch(1);
        try (FeedView view = FeedView.inMemory()) {
            // One record per fetch, so that the reader cannot have read ahead what is deleted while it hangs.
            ArticleTopicReader reader = reader(name, view, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1, ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1));
            hangWhenArmed(reader, armed, hang);
            reader.followTopicIds(() -> {
                if (reader.isRebuilding()) {
                    rebuildBegins.countDown();
                    awaitQuietly(rebuildGoesOn);
                }
                return ids(name);
            });
            try (Running running = start(reader)) {
                reader.caughtUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
                armed.set(true);
                send(name, "second");
                for (int i = 0; i < 20; i++) {
                    send(name, "deleted-" + i);
                }
                TopicPartition partition = new TopicPartition(name, 0);
                long end = ends(name).get(partition);
                admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end))).all().get();
                send(name, "after");
                armed.set(false);
                hang.countDown();

                assertThat(rebuildBegins.await(60, TimeUnit.SECONDS)).as("the reader rebuilds").isTrue();
                assertThat(reader.isCaughtUp()).as("not caught up while it rebuilds").isFalse();
                assertThat(condition(reader, name).ready()).isFalse();
                rebuildGoesOn.countDown();

                await().atMost(WAIT).until(() -> reader.isCaughtUp() && view.find("after").isPresent());
                assertThat(reader.rebuilds()).isEqualTo(1);
                assertThat(view.find("deleted-5")).as("read again from the log's start, not kept from before")
                        .isEmpty();
                assertThat(view.find("first")).isEmpty();
                await().atMost(WAIT).until(() -> condition(reader, name).ready());
            } finally {
                hang.countDown();
                rebuildGoesOn.countDown();
            }
        }
    }

    /** Finding 4: a topic deleted and created again under a running reader; old since tokens answer 410. */
    @Test
    void topicRecreatedUnderARunningReaderRebuildsTheViewAndRefusesTheOldTopicsTokens() throws Exception {
        String name = newTopic(1);
        send(name, "old-1");
        send(name, "old-2");
        send(name, "old-3");
        String oldId = ids(name).articles();
        try (FeedView view = FeedView.inMemory()) {
            ArticleTopicReader reader = reader(name, view, Map.of());
            reader.followTopicIds(() -> ids(name));
            try (Running running = start(reader)) {
                reader.caughtUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
                String oldToken = view.page(10).changes();
                assertThat(view.horizon().topicId()).isEqualTo(oldId);

                admin.deleteTopics(List.of(name)).all().get();
                await().atMost(WAIT).ignoreExceptions().until(() -> {
                    admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
                    return true;
                });
                send(name, "new");

                await().atMost(WAIT).until(() -> view.find("new").isPresent() && reader.isCaughtUp());
                assertThat(view.find("old-1")).as("gone with its topic").isEmpty();
                assertThat(reader.rebuilds()).isPositive();
                assertThat(view.horizon().topicId()).isEqualTo(ids(name).articles()).isNotEqualTo(oldId);
                assertThrows(SinceExpiredException.class, () -> view.resumeFrom(oldToken));
            }
        }
    }

    /** Finding 5: partitions added after the view read the topics are refused, also after a restart. */
    @Test
    void partitionAddedWhileRunningIsRefusedAndStaysRefusedAfterARestart() throws Exception {
        String name = newTopic(1);
        send(name, "before");
        Path folder = dataDir.resolve("view");
        TopicPartition added = new TopicPartition(name, 1);
        try (FeedView view = FeedView.open(folder)) {
            // The reader looks for added partitions every 10 s of its clock, in metadata at most that old: here
            // every half second, in metadata at most 200 ms old, instead of waiting out 10 to 20 s.
            ArticleTopicReader reader = reader(name, view, Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 200),
                    new HurriedClock(20));
            reader.followTopicIds(() -> ids(name));
            try (Running running = start(reader)) {
                reader.caughtUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
                admin.createPartitions(Map.of(name, NewPartitions.increaseTo(2))).all().get();
                send(name, 1, "on-the-added-partition");

                await().atMost(WAIT).until(() -> reader.refusedPartitions().contains(added));
                assertThat(condition(reader, name).ready()).isFalse();
                assertThat(view.find("on-the-added-partition")).as("not read").isEmpty();
            }
        }
        try (FeedView reopened = FeedView.open(folder)) {
            ArticleTopicReader reader = reader(name, reopened, Map.of());
            reader.followTopicIds(() -> ids(name));
            try (Running running = start(reader)) {
                reader.caughtUp().toCompletableFuture().get(60, TimeUnit.SECONDS);

                assertThat(reader.refusedPartitions()).containsExactly(added);
                assertThat(reopened.find("before")).isPresent();
                assertThat(reopened.find("on-the-added-partition")).isEmpty();
                await().atMost(WAIT).until(() -> condition(reader, name).healthy());
                assertThat(condition(reader, name).ready()).isFalse();
            }
        }
    }

    /** Finding 10: no retry on a broken heap; the liveness check sees the reader end. */
    @Test
    void outOfMemoryEndsTheReaderForGoodInsteadOfARetry() throws Exception {
        String name = newTopic(1);
        send(name, "first");
        try (FeedView view = FeedView.inMemory()) {
            ArticleTopicReader reader = reader(name, view, Map.of());
            reader.onApplied((nanos, ages) -> {
                throw new OutOfMemoryError("the test's heap is full");
            });
            Thread thread = new Thread(reader, "test-oom-reader");
            thread.setUncaughtExceptionHandler((t, e) -> {
            });
            thread.start();
            try {
                reader.caughtUp().toCompletableFuture().get(60, TimeUnit.SECONDS);
                send(name, "second");

                thread.join(30_000);
                assertThat(thread.isAlive()).as("ended, not retrying").isFalse();
                assertThat(reader.cannotRecover()).isTrue();
                assertThat(reader.lastFailure()).contains("OutOfMemoryError");
            } finally {
                reader.close();
                thread.join(10_000);
            }
        }
    }

    /**
     * Finding 3, as an operator saw it: the view's disk filled up, writes failed, and readiness stayed UP. Now it is
     * DOWN for as long as the index cannot be written (no UP between retries), liveness fails once a new writer
     * failed too, and both are UP again once space is freed.
     */
    @Test
    void fullDiskForTheIndexIsNotReadyUntilSpaceIsFreed() throws Exception {
        TinyDisk disk = TinyDisk.mount(1);
        assumeTrue(disk != null, "mounting a tmpfs needs root");
        try (disk) {
            String name = newTopic(1);
            send(name, "small");
            try (FeedView view = FeedView.open(disk.folder().resolve("view"))) {
                ArticleTopicReader reader = reader(name, view, Map.of());
                try (Running running = start(reader)) {
                    await().atMost(WAIT).until(() -> condition(reader, name).ready());
                    for (int i = 0; i < 40; i++) {
                        send(name, "large-" + i, largeBody(i));
                    }

                    await().atMost(WAIT).until(() -> reader.failures() > 0);
                    // The flush of a large segment failed: a tragic error closed the writer, and a new one fails too.
                    await().atMost(WAIT).until(reader::cannotRecover);
                    // Never UP while the disk is full: checked every 20 ms for 3 s.
                    await("never UP while the disk is full").during(Duration.ofSeconds(3))
                            .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                            .until(() -> !condition(reader, name).ready());

                    disk.resize(128);
                    await().atMost(WAIT).until(() -> condition(reader, name).ready());
                    assertThat(view.find("large-39")).isPresent();
                    assertThat(reader.cannotRecover()).isFalse();
                }
            }
        }
    }

    private ViewCondition condition(ArticleTopicReader reader, String name) throws Exception {
        return ViewCondition.of(reader, ends(name), Instant.now(), STALL);
    }

    private Map<TopicPartition, Long> ends(String name) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = admin.describeTopics(List.of(name)).allTopicNames().get().get(name)
                .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(name, p.partition()),
                        p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private ArticleTopicReader.TopicIds ids(String name) {
        try {
            return new ArticleTopicReader.TopicIds(admin.describeTopics(List.of(name)).allTopicNames()
                    .get(5, TimeUnit.SECONDS).get(name).topicId().toString(), null);
        } catch (Exception e) {
            return null;
        }
    }

    private ArticleTopicReader reader(String name, FeedView view, Map<String, Object> extra) {
        return reader(name, view, extra, Clock.systemUTC());
    }

    private ArticleTopicReader reader(String name, FeedView view, Map<String, Object> extra, Clock clock) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return new ArticleTopicReader(config, name, null, view, QUICK, clock);
    }

    /** The wall clock run this many times faster, from now: the reader's periodic checks come that much sooner. */
    private static final class HurriedClock extends Clock {

        private final Instant start = Instant.now();
        private final long startNanos = System.nanoTime();
        private final int speed;

        HurriedClock(int speed) {
            this.speed = speed;
        }

        @Override
        public Instant instant() {
            return start.plusNanos((System.nanoTime() - startNanos) * speed);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static Running start(ArticleTopicReader reader) {
        Thread thread = new Thread(reader, "test-reader");
        thread.start();
        return new Running(reader, thread);
    }

    private record Running(ArticleTopicReader reader, Thread thread) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            reader.close();
            thread.join(10_000);
        }
    }

    private String newTopic(int partitions) throws Exception {
        String name = "faults-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        return name;
    }

    private void send(String name, String id) throws Exception {
        send(name, null, id, List.of("A body."));
    }

    private void send(String name, int partition, String id) throws Exception {
        send(name, partition, id, List.of("A body."));
    }

    private void send(String name, String id, List<String> body) throws Exception {
        send(name, null, id, body);
    }

    private void send(String name, Integer partition, String id, List<String> body) throws Exception {
        Article article = Article.first(id, "file:" + id + ".txt", new ArticleText("Title " + id, null, null, body),
                T0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(name, partition, id, json.writeValueAsString(article))).get();
        }
    }

    /** About 60 KB of words that do not compress away: a few of them fill a disk of a megabyte. */
    private static List<String> largeBody(int seed) {
        java.util.Random random = new java.util.Random(seed);
        return IntStream.range(0, 60).mapToObj(p -> IntStream.range(0, 150)
                .mapToObj(w -> Long.toString(random.nextLong() & Long.MAX_VALUE, 36))
                .collect(Collectors.joining(" "))).toList();
    }

    /** The reader's thread waits for {@code hang} inside each batch it applies while {@code armed}: hung. */
    private static void hangWhenArmed(ArticleTopicReader reader, AtomicBoolean armed, CountDownLatch hang) {
        reader.onApplied((nanos, ages) -> {
            if (armed.get()) {
                awaitQuietly(hang);
            }
        });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
