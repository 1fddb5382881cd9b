package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The folder-owner lease's state machine, driven as the consumer's rebalance callbacks drive it. */
class OwnerLeaseTest {

    private static final String TOPIC = "newsfeed.folder-owner";
    private static final TopicPartition LEASE = new TopicPartition(TOPIC, 0);

    private final List<String> calls = new ArrayList<>();
    private final OwnerLease lease = new OwnerLease(TOPIC, new OwnerLease.Owner() {
        @Override
        public void acquired() {
            calls.add("acquired");
        }

        @Override
        public void released() {
            calls.add("released");
        }
    });

    @Test
    void assignmentOfTheLeasePartitionHandsTheFolderOverOnce() {
        lease.onPartitionsAssigned(List.of(LEASE));
        lease.onPartitionsAssigned(List.of(LEASE));

        assertThat(lease.owns()).isTrue();
        assertThat(calls).containsExactly("acquired");
    }

    @Test
    void revocationTakesTheFolderBackBeforeTheGroupMovesIt() {
        lease.onPartitionsAssigned(List.of(LEASE));

        lease.onPartitionsRevoked(List.of(LEASE));

        assertThat(lease.owns()).isFalse();
        assertThat(calls).containsExactly("acquired", "released");
    }

    @Test
    void memberDroppedByTheGroupStopsReading() {
        lease.onPartitionsAssigned(List.of(LEASE));

        lease.onPartitionsLost(List.of(LEASE));

        assertThat(lease.owns()).isFalse();
        assertThat(calls).containsExactly("acquired", "released");
    }

    @Test
    void endOfTheConsumerReleasesTheFolderOnlyIfOwned() {
        lease.end();
        assertThat(calls).isEmpty();

        lease.onPartitionsAssigned(List.of(LEASE));
        lease.end();
        lease.end();

        assertThat(calls).containsExactly("acquired", "released");
    }

    @Test
    void rebalancesThatLeaveTheLeaseWhereItIsChangeNothing() {
        // The cooperative assignor reports only what moves: empty lists, or partitions of other topics.
        lease.onPartitionsAssigned(List.of(LEASE));
        lease.onPartitionsRevoked(List.of());
        lease.onPartitionsAssigned(List.of());
        lease.onPartitionsRevoked(List.of(new TopicPartition("other", 0), new TopicPartition(TOPIC, 1)));

        assertThat(lease.owns()).isTrue();
        assertThat(calls).containsExactly("acquired");
    }

    @Test
    void leaseAssignedAgainAfterARevocationHandsTheFolderOverAgain() {
        lease.onPartitionsAssigned(List.of(LEASE));
        lease.onPartitionsRevoked(List.of(LEASE));
        lease.onPartitionsAssigned(List.of(LEASE));

        assertThat(calls).containsExactly("acquired", "released", "acquired");
    }
}
