package dev.newsfeed.ingest.folder;

import java.util.Collection;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The folder-owner lease as a state machine, with no Kafka client in it: this instance owns the folder while
 * the consumer group has assigned it the lease's one partition, from the assignment to the revocation (the
 * group moves the partition only once the previous member gave it up or was dropped), or to the end of the
 * consumer (closed, or failed: a member that failed may still be in the group, so it reads nothing meanwhile).
 *
 * <p>An owner cut off from Kafka keeps the folder until it hears that the group dropped it: its files wait for
 * Kafka as usual, and if the group gave the folder to another instance meanwhile, the two may both read it for
 * that moment. That is harmless: a file whose text the feed already holds is not published again, and the feed
 * holds one article per id.
 *
 * <p>{@link Owner#acquired()} and {@link Owner#released()} alternate, starting with {@code acquired}, each
 * called once per change, on the thread that feeds this lease (the consumer's poll thread).
 */
final class OwnerLease implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(OwnerLease.class);

    /** What follows the lease: the folder watcher starts on {@code acquired} and stops on {@code released}. */
    interface Owner {
        void acquired();

        void released();
    }

    private final TopicPartition partition;
    private final Owner owner;
    private volatile boolean owning;
    private volatile boolean joined;

    OwnerLease(String topic, Owner owner) {
        this.partition = new TopicPartition(topic, 0);
        this.owner = owner;
    }

    /** Whether this instance owns the folder now. */
    boolean owns() {
        return owning;
    }

    /** Whether the group has assigned this member its share at least once, the lease or nothing. */
    boolean joined() {
        return joined;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // Called after every rebalance this member took part in, with what it gained: often nothing.
        joined = true;
        if (partitions.contains(partition)) {
            update(true);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.contains(partition)) {
            update(false);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (partitions.contains(partition)) {
            LOG.warn("The group dropped this instance (its session expired): it no longer owns the ingest folder");
            update(false);
        }
    }

    /** The consumer is gone (closed, or failed): whatever the group thinks, this instance stops reading. */
    void end() {
        update(false);
    }

    private void update(boolean own) {
        if (own == owning) {
            return;
        }
        owning = own;
        if (own) {
            owner.acquired();
        } else {
            owner.released();
        }
    }
}
