package dev.newsfeed.ingest.folder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.newsfeed.kafka.GroupMembership;
import dev.newsfeed.kafka.KafkaUnavailableException;
import dev.newsfeed.log.LogValues;

/**
 * Holds the folder-owner lease through Kafka's own group membership: a consumer of the one-partition lease
 * topic, on a thread of its own, in a group shared by every instance; the member assigned the partition owns
 * the folder ({@link OwnerLease}). When the owner stops, it leaves the group and the partition moves at once;
 * when it dies, the group gives the partition to another member once its session has timed out.
 *
 * <p>Why these consumer settings: the classic group protocol, because only there the client chooses its
 * session timeout (the newer protocol takes it from the broker, 45 s by default); the cooperative sticky
 * assignor, because it leaves the partition with its owner when an instance joins, and moves it only after
 * the old owner has given it up, so two instances never read the folder at once by the group's doing.
 */
final class FolderOwnership implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderOwnership.class);
    /** Short, so that the thread rejoins promptly when the group rebalances; it reads no records. */
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Makes sure the lease topic exists before the consumer subscribes to it. */
    interface TopicCheck {
        void ensure() throws KafkaUnavailableException;
    }

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final TopicCheck topicCheck;
    private final OwnerLease lease;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param consumerConfig the service's consumer settings (bootstrap servers, security) with
     *     {@link #leaseSettings} on top
     */
    FolderOwnership(Map<String, Object> consumerConfig, String topic, TopicCheck topicCheck, OwnerLease lease) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.topic = topic;
        this.topicCheck = topicCheck;
        this.lease = lease;
        this.thread = new Thread(this::run, "newsfeed-folder-owner");
        this.thread.setDaemon(true);
    }

    /** The consumer settings of a lease member, put over the service's own. */
    static Map<String, Object> leaseSettings(String group, String instanceId, Duration sessionTimeout,
            Duration heartbeatInterval) {
        return GroupMembership.settings(group, "newsfeed-folder-owner-" + instanceId, sessionTimeout,
                heartbeatInterval);
    }

    void start() {
        thread.start();
    }

    boolean owns() {
        return lease.owns();
    }

    /** Whether this member has been through a rebalance of the group, and so takes part in the next. */
    boolean joined() {
        return lease.joined();
    }

    /** Gives the folder up (the watcher stops first) and leaves the group, so that another member takes over now. */
    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The folder-owner lease did not close within 10 s; the group drops it when its session ends");
        }
    }

    private boolean closing() {
        return closing.getCount() == 0;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closing()) {
            try {
                topicCheck.ensure();
                follow();
                backoff = FIRST_BACKOFF;
            } catch (KafkaUnavailableException | KafkaException e) {
                LOG.warnf("Folder-owner lease: %s; trying again in %d ms", LogValues.safe(String.valueOf(e)),
                        backoff.toMillis());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                // A member that failed may still be in the group for a session: it reads nothing meanwhile.
                lease.end();
            }
        }
    }

    /** One consumer's life in the group: until close, or until the client fails. */
    private void follow() {
        KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(consumerConfig);
        consumer = member;
        try {
            member.subscribe(List.of(topic), lease);
            while (!closing()) {
                // The rebalance listener (the lease) runs inside poll, on this thread.
                member.poll(POLL);
            }
        } catch (WakeupException e) {
            if (!closing()) {
                throw e;
            }
        } finally {
            consumer = null;
            // Revokes the partition (the listener stops the watcher) before leaving the group.
            member.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        }
    }

    private void pause(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }
}
