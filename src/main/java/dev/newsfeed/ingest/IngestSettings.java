package dev.newsfeed.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "newsfeed.ingest")
public interface IngestSettings {

    /** The folder whose {@code *.txt} files (subfolders included) are articles. */
    @WithDefault("seeds")
    String folder();

    /** Whether the folder is read at all; off for an instance that only serves the feed. */
    @WithDefault("true")
    boolean folderEnabled();

    /** The largest source accepted, in bytes: well below Kafka's default 1 MiB record limit. */
    @WithDefault("524288")
    int maxBytes();

    /**
     * How long a file's size and modification time must stay unchanged before it is read, so that a file
     * still being written is not read half-written.
     */
    @WithDefault("2s")
    Duration settleTime();

    /** How often the whole folder is listed again, in case the file system missed an event. */
    @WithDefault("60s")
    Duration rescanInterval();

    /**
     * How long a write waits for Kafka's answer before it is answered 503. The producers' own
     * {@code delivery.timeout.ms} must not be longer (checked at start-up): Kafka then says yes or no within it,
     * and a 503 is not given while the producer still retries.
     */
    @WithDefault("5s")
    Duration publishTimeout();

    /**
     * How long a write waits for this instance's view: first to catch up with everything Kafka acknowledged before
     * deciding (503 past it, nothing written), then to show what Kafka acknowledged (202 past it instead of 201).
     */
    @WithDefault("5s")
    Duration visibleTimeout();

    /**
     * What becomes of a file once Kafka has acknowledged what it held: {@code leave} it where it is (the
     * folder is a library), or {@code move} it to {@code processed/}, or to {@code failed/} with a
     * {@code <name>.error} file giving the reason.
     */
    @WithDefault("leave")
    Completion completion();

    enum Completion {
        leave, move
    }

    /** How many sources {@code GET /ingest/status} remembers; the oldest settled ones are forgotten first. */
    @WithDefault("100000")
    int statusCapacity();

    /**
     * How long a source may stay pending without a change before it counts as abandoned and turns
     * {@code FAILED}: longer than the longest pause between two tries of a file (60 s) plus Kafka's delivery
     * timeout, since every try marks it pending afresh.
     */
    @WithDefault("10m")
    Duration pendingTimeout();

    /**
     * How long reading one file may take, from opening it to its last byte. A read that takes longer (a file
     * swapped for a FIFO, a stalled network file system) is given up and tried again later; the watcher never
     * waits for it.
     */
    @WithDefault("10s")
    Duration readTimeout();

    /**
     * How often this instance looks for retractions left without their tombstone (the instance that retracted
     * stopped between the two records) and writes the tombstone ({@link TombstoneRepair}); only retractions older
     * than this interval plus twice the publish timeout are repaired.
     */
    @WithDefault("1m")
    Duration tombstoneRepairInterval();

    /**
     * Whether the folder is read only while this instance holds the folder-owner lease, so that of several
     * instances sharing one folder exactly one reads it: {@code false} for an instance that knows it is alone.
     */
    @WithDefault("true")
    boolean ownerLease();

    /** The consumer group whose member assigned the one partition of {@link #ownerTopic()} owns the folder. */
    @WithDefault("newsfeed-folder-owner")
    String ownerGroup();

    /** The one-partition topic of the lease, created when missing; nothing is ever written to it. */
    @WithDefault("newsfeed.folder-owner")
    String ownerTopic();

    /**
     * How long the group waits for a silent owner before another instance takes the folder over: a dead
     * owner is replaced within about this plus a heartbeat. The broker accepts 6 s to 30 min by default
     * ({@code group.min.session.timeout.ms}, {@code group.max.session.timeout.ms}).
     */
    @WithDefault("6s")
    Duration ownerSessionTimeout();

    /** How often the lease is renewed; at most a third of the session timeout. */
    @WithDefault("2s")
    Duration ownerHeartbeatInterval();
}
