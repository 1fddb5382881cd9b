package dev.newsfeed.feed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * Replays the articles topic into a {@link FeedView} and then follows it. It reads every partition from the
 * beginning by explicit assignment, with no consumer group and no committed offsets: every instance builds
 * the same view, and a restart rebuilds it. Plain Kafka client code, so tests can build a second view of the
 * same topic.
 *
 * <p>The view has caught up once the consumer's position on every partition reaches the end offset read at
 * assignment. Positions, not offsets of records seen, because compaction leaves gaps before the end.
 */
public final class ArticleTopicReader implements Runnable, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArticleTopicReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration LOG_STARTS_REFRESH = Duration.ofMinutes(5);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final String retractionsTopic;
    private final FeedView view;
    private final ObjectReader articles;
    private final ObjectReader retractions;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final AtomicLong skipped = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean closed;

    /**
     * @param consumerConfig connection settings ({@code bootstrap.servers}, security); any group settings
     *        are dropped
     */
    /** @param retractionsTopic the topic of retractions, read along with the articles; null for none */
    public ArticleTopicReader(Map<String, Object> consumerConfig, String topic, String retractionsTopic, FeedView view,
            ObjectMapper json) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        this.consumerConfig = config;
        this.topic = topic;
        this.retractionsTopic = retractionsTopic;
        this.view = view;
        this.articles = json.readerFor(Article.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.retractions = json.readerFor(Retraction.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public FeedView view() {
        return view;
    }

    /** Completes once the view holds everything the topic held when reading began. */
    public CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    /** Records that could not be read as articles and were left out of the view. */
    public long skippedRecords() {
        return skipped.get();
    }

    @Override
    public void run() {
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
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = endOffsets(kafka, partitions);
            LOG.infof("Reading %s from the beginning (%d partitions, %d records at most)", topic,
                    partitions.size(), end.values().stream().mapToLong(Long::longValue).sum());
            Instant logStartsRead = Instant.MIN;
            while (!closed) {
                if (logStartsRead.plus(LOG_STARTS_REFRESH).isBefore(Instant.now())) {
                    readLogStarts(kafka, partitions);
                    logStartsRead = Instant.now();
                }
                ConsumerRecords<String, byte[]> records = kafka.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    view.apply(changes(records));
                }
                if (!caughtUp.isDone() && reached(kafka, end)) {
                    LOG.infof("Feed view caught up with %s: %d articles", topic, view.size());
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
    }

    /** Where each log starts now: records before it were deleted, and the changes they made are gone. */
    private void readLogStarts(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        try {
            Map<String, Long> starts = new HashMap<>();
            kafka.beginningOffsets(partitions, POLL_TIMEOUT).forEach((partition, offset) -> starts
                    .put(position(partition.topic(), partition.partition(), offset).log(), offset));
            view.horizon(view.horizon().withLogStarts(starts));
        } catch (TimeoutException e) {
            LOG.debugf("Kafka did not answer for the log start offsets of %s; keeping the last: %s", topic,
                    e.getMessage());
        }
    }

    private LogPosition position(String recordTopic, int partition, long offset) {
        return recordTopic.equals(topic) ? LogPosition.article(partition, offset)
                : LogPosition.retraction(partition, offset);
    }

    /**
     * The batch's changes, retractions first: a retraction and its own tombstone often arrive in one poll, and
     * taking the retraction first files the id under it at once instead of under the tombstone for a moment.
     */
    private List<ArticleChange> changes(ConsumerRecords<String, byte[]> records) {
        List<ArticleChange> changes = new ArrayList<>(records.count());
        if (retractionsTopic != null) {
            addChanges(records.records(retractionsTopic), changes);
        }
        addChanges(records.records(topic), changes);
        return changes;
    }

    private void addChanges(Iterable<ConsumerRecord<String, byte[]>> records, List<ArticleChange> changes) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ArticleChange change;
            try {
                change = change(record);
            } catch (RuntimeException e) {
                LOG.warnf("Skipped record %s-%d@%d (key '%s'): %s", record.topic(), record.partition(),
                        record.offset(), record.key(), e);
                change = null;
            }
            if (change != null) {
                changes.add(change);
            } else {
                skipped.incrementAndGet();
            }
        }
    }

    private ArticleChange change(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warnf("Skipped record %s-%d@%d: it has no key, so it names no article",
                    record.topic(), record.partition(), record.offset());
            return null;
        }
        LogPosition position = position(record.topic(), record.partition(), record.offset());
        if (record.value() == null) {
            return record.topic().equals(topic)
                    ? ArticleChange.removal(record.key(), Instant.ofEpochMilli(record.timestamp()), position)
                    : null;
        }
        try {
            if (!record.topic().equals(topic)) {
                Retraction retraction = retractions.readValue(record.value());
                return retraction != null && record.key().equals(retraction.id())
                        ? ArticleChange.retraction(retraction, position)
                        : null;
            }
            Article article = articles.readValue(record.value());
            if (article == null) {
                LOG.warnf("Skipped record %s-%d@%d (key '%s'): its value is JSON null, not a tombstone",
                        record.topic(), record.partition(), record.offset(), record.key());
                return null;
            }
            if (!record.key().equals(article.id())) {
                LOG.warnf("Skipped record %s-%d@%d: its key '%s' differs from the article id '%s'",
                        record.topic(), record.partition(), record.offset(), record.key(), article.id());
                return null;
            }
            return ArticleChange.put(article, position);
        } catch (IOException e) {
            LOG.warnf("Skipped record %s-%d@%d (key '%s'): not an article: %s",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka, String topic)
            throws InterruptedException {
        while (!closed) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
                LOG.warnf("Topic %s does not exist yet; waiting for it", topic);
            } catch (TimeoutException e) {
                LOG.warnf("Kafka did not answer for the partitions of %s; trying again: %s", topic, e.getMessage());
            }
            Thread.sleep(RETRY_PAUSE.toMillis());
        }
        throw new WakeupException();
    }

    private Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions)
            throws InterruptedException {
        while (!closed) {
            try {
                return kafka.endOffsets(partitions);
            } catch (TimeoutException e) {
                LOG.warnf("Kafka did not answer for the end offsets of %s; trying again: %s", topic, e.getMessage());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
        throw new WakeupException();
    }

    private static boolean reached(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> end) {
        try {
            return end.entrySet().stream()
                    .allMatch(partition -> kafka.position(partition.getKey(), POLL_TIMEOUT) >= partition.getValue());
        } catch (TimeoutException e) {
            return false;
        }
    }
}
