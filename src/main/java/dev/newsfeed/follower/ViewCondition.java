package dev.newsfeed.follower;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The view's health, judged from outside the reader's thread: the reader's published state and progress against the
 * end offsets the brokers report. Plain Java, so that it is tested without Quarkus.
 *
 * @param lag records between what the view applied and the end of each partition; empty while the ends are unknown
 *        (Kafka away: the instance keeps serving the feed it has)
 * @param stalled behind the topics, and no progress for longer than the stall timeout: hung, or far too slow
 * @param healthy the reader's last round completed (false from a failure until a round completes again)
 * @param refused partitions added after the view read the topics, which it does not read
 * @param writerFailure why the index cannot be written, or null
 * @param cannotRecover only a restart of the process can help (a new index writer failed too, or out of memory)
 */
public record ViewCondition(boolean caughtUp, boolean rebuilding, boolean reading, boolean healthy,
        Map<TopicPartition, Long> lag, boolean stalled, List<TopicPartition> refused, String writerFailure,
        boolean cannotRecover) {

    public static ViewCondition of(ArticleTopicReader reader, Map<TopicPartition, Long> ends, Instant now,
            Duration stallTimeout) {
        ReaderProgress.Snapshot progress = reader.progress().snapshot();
        Map<TopicPartition, Long> lag = ends == null ? Map.of() : lag(ends, progress.positions(),
                reader.refusedPartitions());
        boolean behind = lag.values().stream().anyMatch(records -> records > 0);
        boolean stalled = behind && progress.lastProgress().plus(stallTimeout).isBefore(now);
        Throwable writer = reader.writerFailure();
        return new ViewCondition(reader.isCaughtUp(), reader.isRebuilding(), reader.isReading(), progress.healthy(),
                lag, stalled, reader.refusedPartitions(), writer == null ? null : writer.toString(),
                reader.cannotRecover());
    }

    /** Partitions refused are not read: their lag says nothing of the view, and is left out. */
    static Map<TopicPartition, Long> lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions,
            List<TopicPartition> refused) {
        Map<TopicPartition, Long> lag = new HashMap<>();
        ends.forEach((partition, end) -> {
            if (!refused.contains(partition)) {
                lag.put(partition, Math.max(0, end - positions.getOrDefault(partition, 0L)));
            }
        });
        return Map.copyOf(lag);
    }

    /** Records behind in all, or -1 while the ends are unknown. */
    public long lagRecords() {
        return lag.isEmpty() ? -1 : lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Serves a whole, current feed, and can keep it so. */
    public boolean ready() {
        return caughtUp && !rebuilding && reading && healthy && !stalled && refused.isEmpty() && writerFailure == null;
    }

    public boolean live() {
        return !cannotRecover;
    }
}
