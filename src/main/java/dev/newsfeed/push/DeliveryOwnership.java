package dev.newsfeed.push;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.newsfeed.kafka.GroupMembership;
import dev.newsfeed.log.LogValues;

/**
 * Which subscriptions this instance delivers: the push group's members share out the partitions of the subscriptions
 * topic, and a member delivers the subscriptions whose records are in its partitions. A member that stops leaves the
 * group and its partitions move at once; one that dies loses them when its session times out. The consumer reads no
 * records (its partitions are paused): it is there for the group's membership alone.
 *
 * <p>As for the folder lease, the classic protocol (the client chooses its session timeout) and the cooperative
 * sticky assignor (a partition moves only once its old member gave it up, which stops its deliveries and commits
 * their positions first).
 */
final class DeliveryOwnership implements ConsumerRebalanceListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryOwnership.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** Hears of partitions gained and lost, on the membership thread, before the group moves on. */
    interface Listener {
        void assigned(Set<Integer> partitions);

        void revoked(Set<Integer> partitions);
    }

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final Listener listener;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean leaveOnClose = true;

    DeliveryOwnership(Map<String, Object> consumerConfig, String topic, String group, String instanceId,
            Duration sessionTimeout, Duration heartbeatInterval, Listener listener) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.putAll(GroupMembership.settings(group, "newsfeed-push-" + instanceId, sessionTimeout, heartbeatInterval));
        this.consumerConfig = config;
        this.topic = topic;
        this.listener = listener;
        this.thread = new Thread(this::run, "newsfeed-push-membership");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The partitions of the subscriptions topic this instance delivers now. */
    Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        KafkaConsumer<byte[], byte[]> member = consumer;
        if (member != null) {
            member.pause(partitions);
        }
        Set<Integer> gained = numbers(partitions);
        owned.addAll(gained);
        if (!gained.isEmpty()) {
            listener.assigned(gained);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        lose(numbers(partitions));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        LOG.warn("Push: the group dropped this instance (its session expired); its subscriptions go to others");
        lose(numbers(partitions));
    }

    private void lose(Set<Integer> lost) {
        owned.removeAll(lost);
        if (!lost.isEmpty()) {
            listener.revoked(lost);
        }
    }

    private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new java.util.HashSet<>();
        partitions.forEach(partition -> numbers.add(partition.partition()));
        return numbers;
    }

    private void run() {
        while (closing.getCount() > 0) {
            try {
                follow();
            } catch (KafkaException e) {
                LOG.warnf("Push: the delivery group failed (%s); joining again", LogValues.safe(String.valueOf(e)));
                pause();
            } finally {
                lose(owned());
            }
        }
    }

    private void follow() {
        KafkaConsumer<byte[], byte[]> member = new KafkaConsumer<>(consumerConfig);
        consumer = member;
        try {
            member.subscribe(List.of(topic), this);
            while (closing.getCount() > 0) {
                member.poll(POLL);
            }
        } catch (WakeupException e) {
            if (closing.getCount() > 0) {
                throw e;
            }
        } finally {
            consumer = null;
            member.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(leaveOnClose
                    ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                    : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        }
    }

    private void pause() {
        try {
            closing.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    /** Leaves the group after stopping this instance's deliveries, so that others take them over at once. */
    @Override
    public void close() {
        closing.countDown();
        KafkaConsumer<byte[], byte[]> member = consumer;
        if (member != null) {
            member.wakeup();
        }
        try {
            thread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops without a word to the group, as a dead instance would: its partitions move once its session expires. */
    void abandon() {
        leaveOnClose = false;
        close();
    }
}
