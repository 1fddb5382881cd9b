package dev.newsfeed.push;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;

/**
 * Every subscription and its status, as every instance knows them: reads the whole subscriptions and status topics
 * from the beginning and follows them, on a thread of its own. Each subscription is remembered with the partition
 * its record is in, which decides which member of the push group delivers it. A writer waits for its own record
 * here ({@link #awaitRead}), so that what the API answers is what this instance then shows.
 */
final class SubscriptionRegistry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SubscriptionRegistry.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    /** A subscription and the partition of the subscriptions topic its record is in. */
    record Entry(Subscription subscription, int partition) {
    }

    private final Map<String, Object> consumerConfig;
    private final String subscriptionsTopic;
    private final String statusTopic;
    private final Runnable changed;
    private final Map<String, Entry> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, DeliveryStatus> statuses = new ConcurrentHashMap<>();
    /** The next offset to read, per partition of both topics. */
    private final Map<TopicPartition, Long> read = new HashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean caughtUp;

    /** @param changed called on the registry's thread after each batch that changed a subscription */
    SubscriptionRegistry(Map<String, Object> consumerConfig, String subscriptionsTopic, String statusTopic,
            String name, Runnable changed) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsfeed-push-registry-" + name);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig = config;
        this.subscriptionsTopic = subscriptionsTopic;
        this.statusTopic = statusTopic;
        this.changed = changed;
        this.thread = new Thread(this::run, "newsfeed-push-registry");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Entry entry(String id) {
        return subscriptions.get(id);
    }

    Subscription get(String id) {
        Entry entry = subscriptions.get(id);
        return entry == null ? null : entry.subscription();
    }

    Collection<Entry> all() {
        return List.copyOf(subscriptions.values());
    }

    DeliveryStatus status(String id) {
        return statuses.getOrDefault(id, DeliveryStatus.NONE);
    }

    /** Whether the registry has read both topics to the end they had when it started. */
    boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Waits until the registry has read the record at {@code offset} of the subscriptions topic's
     * {@code partition}.
     *
     * @return false when it has not within {@code timeout}
     */
    synchronized boolean awaitRead(int partition, long offset, Duration timeout) throws InterruptedException {
        TopicPartition key = new TopicPartition(subscriptionsTopic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read.getOrDefault(key, 0L) <= offset) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void run() {
        while (closing.getCount() > 0) {
            try {
                follow();
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                LOG.warnf("Push: reading the subscriptions failed (%s); reading them again", LogValues.safe(
                        String.valueOf(e)));
                pause();
            } catch (RuntimeException e) {
                // Whatever it was, an instance that stops reading its subscriptions would deliver stale ones.
                LOG.errorf(e, "Push: reading the subscriptions failed unexpectedly; reading them again");
                pause();
            }
        }
    }

    private void follow() {
        try (KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(consumerConfig)) {
            consumer = reading;
            if (closing.getCount() == 0) {
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(subscriptionsTopic, statusTopic)) {
                reading.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            reading.assign(partitions);
            reading.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reading.endOffsets(partitions);
            subscriptions.clear();
            statuses.clear();
            while (closing.getCount() > 0) {
                boolean changes = false;
                for (ConsumerRecord<String, byte[]> record : reading.poll(POLL)) {
                    changes |= apply(record);
                }
                synchronized (this) {
                    for (TopicPartition partition : partitions) {
                        read.put(partition, reading.position(partition));
                    }
                    notifyAll();
                }
                if (!caughtUp && partitions.stream().allMatch(p -> read.get(p) >= ends.getOrDefault(p, 0L))) {
                    caughtUp = true;
                    changes = true;
                }
                if (changes && caughtUp) {
                    changed.run();
                }
            }
        } finally {
            consumer = null;
        }
    }

    /** Applies one record; true when it changed a subscription (a status changes nothing of who delivers). */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        boolean subscription = record.topic().equals(subscriptionsTopic);
        try {
            if (subscription) {
                if (record.value() == null) {
                    subscriptions.remove(record.key());
                    statuses.remove(record.key());
                } else {
                    subscriptions.put(record.key(), new Entry(PushJson.read(record.value(), Subscription.class),
                            record.partition()));
                }
                return true;
            }
            if (record.value() == null) {
                statuses.remove(record.key());
            } else {
                statuses.put(record.key(), PushJson.read(record.value(), DeliveryStatus.class));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Push: skipped %s-%d@%d, which is not a %s", record.topic(), record.partition(), record.offset(),
                    subscription ? "subscription" : "delivery status");
        }
        return false;
    }

    private void pause() {
        try {
            closing.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
