package dev.newsfeed.follower;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How lag is counted from the brokers' end offsets and what the reader applied (issue 19). */
class ViewConditionTest {

    private static final TopicPartition A0 = new TopicPartition("articles", 0);
    private static final TopicPartition A1 = new TopicPartition("articles", 1);
    private static final TopicPartition ADDED = new TopicPartition("articles", 2);

    @Test
    void lagIsWhatLiesBetweenThePositionAndTheEndOfEachPartition() {
        assertThat(ViewCondition.lag(Map.of(A0, 10L, A1, 5L), Map.of(A0, 7L, A1, 5L), List.of()))
                .isEqualTo(Map.of(A0, 3L, A1, 0L));
    }

    @Test
    void partitionNotReadYetIsBehindByAllItHolds() {
        assertThat(ViewCondition.lag(Map.of(A0, 4L), Map.of(), List.of())).isEqualTo(Map.of(A0, 4L));
    }

    @Test
    void refusedPartitionsAreLeftOutOfTheLag() {
        assertThat(ViewCondition.lag(Map.of(A0, 4L, ADDED, 9L), Map.of(A0, 4L), List.of(ADDED)))
                .isEqualTo(Map.of(A0, 0L));
    }

    @Test
    void unknownEndsSayNothingAndMakeNoStall() {
        ViewCondition condition = new ViewCondition(true, false, true, true, Map.of(), false, List.of(), null, false);
        assertThat(condition.lagRecords()).isEqualTo(-1);
        assertThat(condition.ready()).isTrue();
    }

    @Test
    void anyOfTheFaultsMakesItNotReady() {
        assertThat(new ViewCondition(true, true, true, true, Map.of(), false, List.of(), null, false).ready())
                .as("rebuilding").isFalse();
        assertThat(new ViewCondition(true, false, true, false, Map.of(), false, List.of(), null, false).ready())
                .as("last round failed").isFalse();
        assertThat(new ViewCondition(true, false, true, true, Map.of(A0, 1L), true, List.of(), null, false).ready())
                .as("stalled").isFalse();
        assertThat(new ViewCondition(true, false, true, true, Map.of(), false, List.of(ADDED), null, false).ready())
                .as("partitions refused").isFalse();
        assertThat(new ViewCondition(true, false, true, true, Map.of(), false, List.of(), "disk full", false)
                .ready()).as("cannot write").isFalse();
        assertThat(new ViewCondition(true, false, true, true, Map.of(), false, List.of(), null, true).live())
                .isFalse();
    }
}
