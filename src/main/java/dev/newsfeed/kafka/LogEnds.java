package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The end offsets (high watermarks) of a set of topics, as the brokers report them now. Every record that Kafka
 * acknowledged with {@code acks=all} before {@link #read()} was called lies below the offsets that read answers:
 * whoever waits for a view to reach them decides on everything acknowledged so far, not on what this instance
 * happens to have read.
 *
 * <p>Callers that ask while a read is under way share the next read, which starts once that one ends: one round trip
 * to the brokers serves every writer that arrived during the previous one, and no caller is answered by a read that
 * began before it asked. Plain Kafka admin code, thread-safe.
 */
public final class LogEnds {

    /**
     * How long the topics' partitions, once described, are asked for their ends without being described again: a
     * read is then one round trip instead of two. Partitions added to a topic are refused by the views anyway
     * (follower.AddedPartitions), within the same ten seconds.
     */
    static final Duration PARTITIONS_KEPT = Duration.ofSeconds(10);

    /** The partitions last described, and when. */
    private record Described(Map<TopicPartition, OffsetSpec> latest, long atNanos) {
    }

    private final Admin admin;
    private final List<String> topics;
    private final Duration timeout;
    private final Object lock = new Object();
    private volatile Described described;
    // Guarded by lock: the callers waiting for a read that has not started yet, and whether one is under way.
    private CompletableFuture<Map<TopicPartition, Long>> waiting;
    private boolean reading;

    public LogEnds(Admin admin, List<String> topics, Duration timeout) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    /**
     * The end offset of every partition of the topics, read after this call; fails when the brokers do not answer
     * within the timeout, or a topic is missing.
     */
    public CompletionStage<Map<TopicPartition, Long>> read() {
        CompletableFuture<Map<TopicPartition, Long>> mine;
        boolean start;
        synchronized (lock) {
            if (waiting == null) {
                waiting = new CompletableFuture<>();
            }
            mine = waiting;
            start = !reading;
            if (start) {
                reading = true;
                waiting = null;
            }
        }
        if (start) {
            readFor(mine);
        }
        return mine.copy();
    }

    private void readFor(CompletableFuture<Map<TopicPartition, Long>> callers) {
        int millis = (int) timeout.toMillis();
        CompletableFuture<Map<TopicPartition, Long>> read;
        try {
            read = partitions(millis).thenCompose(latest -> plain(admin.listOffsets(latest,
                            new ListOffsetsOptions().timeoutMs(millis)).all()))
                    .thenApply(offsets -> {
                        Map<TopicPartition, Long> ends = new HashMap<>();
                        offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
                        return Map.copyOf(ends);
                    })
                    .orTimeout(millis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenComplete((ends, failure) -> {
            if (failure != null) {
                // A topic deleted or recreated: described again by the next read.
                described = null;
            }
            CompletableFuture<Map<TopicPartition, Long>> next;
            synchronized (lock) {
                next = waiting;
                waiting = null;
                reading = next != null;
            }
            if (failure != null) {
                callers.completeExceptionally(failure);
            } else {
                callers.complete(ends);
            }
            if (next != null) {
                readFor(next);
            }
        });
    }

    private CompletableFuture<Map<TopicPartition, OffsetSpec>> partitions(int millis) {
        Described known = described;
        if (known != null && System.nanoTime() - known.atNanos() < PARTITIONS_KEPT.toNanos()) {
            return CompletableFuture.completedFuture(known.latest());
        }
        long started = System.nanoTime();
        return plain(admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(millis)).allTopicNames())
                .thenApply(descriptions -> {
                    Map<TopicPartition, OffsetSpec> latest = latest(descriptions);
                    described = new Described(latest, started);
                    return latest;
                });
    }

    /**
     * The outcome of a Kafka future as a plain {@link CompletableFuture}. The stages Kafka's own futures derive refuse
     * to be completed by anyone but Kafka ({@code completeExceptionally} throws), so a timeout set on them
     * ({@code orTimeout}) never fires: a read then waited for the admin client's default timeout (10 s), not ours.
     */
    private static <T> CompletableFuture<T> plain(KafkaFuture<T> future) {
        CompletableFuture<T> plain = new CompletableFuture<>();
        future.whenComplete((value, failure) -> {
            if (failure != null) {
                plain.completeExceptionally(failure);
            } else {
                plain.complete(value);
            }
        });
        return plain;
    }

    private static Map<TopicPartition, OffsetSpec> latest(Map<String, TopicDescription> descriptions) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        descriptions.forEach((name, description) -> {
            for (TopicPartitionInfo partition : description.partitions()) {
                specs.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest());
            }
        });
        return Map.copyOf(specs);
    }
}
