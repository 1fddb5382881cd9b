package dev.newsfeed.follower;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * What the reader has applied, published by its thread after each round (poll, apply, refresh) for others to measure
 * against the brokers' end offsets: a reader hung inside a round publishes nothing more, so its lag grows while the
 * topics do, whatever it believes. Thread-safe: one writer, any number of readers.
 */
public final class ReaderProgress {

    /**
     * One round's outcome.
     *
     * @param positions for each partition read, the offset after the last record applied (a position of the
     *        consumer); a partition not read yet is missing
     * @param lastProgress when the positions last moved, or the reader last stood at the end of every log
     * @param healthy whether the last round completed: false from a failure until a round completes again
     */
    public record Snapshot(Map<TopicPartition, Long> positions, Instant lastProgress, boolean healthy,
            Instant lastRound) {
    }

    private final Clock clock;
    private volatile Snapshot last;

    ReaderProgress(Clock clock) {
        this.clock = clock;
        Instant now = clock.instant();
        this.last = new Snapshot(Map.of(), now, false, now);
    }

    public Snapshot snapshot() {
        return last;
    }

    public Instant lastProgress() {
        return last.lastProgress();
    }

    /** A round completed with the consumer at {@code positions}; {@code atEnd} when it saw nothing left to read. */
    void moved(Map<TopicPartition, Long> positions, boolean atEnd) {
        Snapshot before = last;
        Instant now = clock.instant();
        boolean moved = atEnd || !positions.equals(before.positions());
        last = new Snapshot(Map.copyOf(positions), moved ? now : before.lastProgress(), true, now);
    }

    void failed() {
        Snapshot before = last;
        last = new Snapshot(before.positions(), before.lastProgress(), false, before.lastRound());
    }

    /** The view was emptied: it holds nothing of any partition now. */
    void restarted() {
        Instant now = clock.instant();
        last = new Snapshot(Map.of(), now, false, now);
    }
}
