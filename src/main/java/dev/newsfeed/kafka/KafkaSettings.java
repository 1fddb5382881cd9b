package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the articles live in Kafka, and whether this service runs its own broker. */
@ConfigMapping(prefix = "newsfeed.kafka")
public interface KafkaSettings {

    /** The compacted topic that holds one record per article version; the feed is rebuilt from it. */
    @WithDefault("newsfeed.articles")
    String topic();

    /** The topic of refused sources (dead letters), created compacted like the articles topic. */
    @WithDefault("newsfeed.articles.dlq")
    String deadLetterTopic();

    /**
     * The compacted topic that remembers retracted articles after their tombstones are compacted away, so
     * that no rescan or restart brings them back.
     */
    @WithDefault("newsfeed.retractions")
    String retractionsTopic();

    /** Partitions of the topic when this service creates it. An existing topic keeps its own. */
    @WithDefault("1")
    int partitions();

    /**
     * {@code delete.retention.ms} of the articles topic when this service creates it: how long tombstones
     * outlive compaction, and so how long a client of the changes feed may stay away before it must resync.
     */
    @WithDefault("7d")
    Duration tombstoneRetention();

    /** Replicas of the topic when this service creates it: 3 on a production cluster. */
    @WithDefault("1")
    short replicationFactor();

    /**
     * {@code min.insync.replicas} of every topic this service creates: how many replicas must hold a record
     * before Kafka acknowledges it ({@code acks=all}). Unset: 2 when the replication factor is 3 or more, so that
     * one broker may die without losing an acknowledged record; below 3 replicas, the broker's default.
     */
    Optional<Integer> minInsyncReplicas();

    /**
     * How often the articles topic's cleanup policy is read again while the service runs: a topic switched to
     * {@code delete} turns readiness DOWN and is logged at ERROR within this.
     */
    @WithDefault("30s")
    Duration policyCheckInterval();

    /**
     * How often the cluster is asked whether it answers: a write is refused at once, and the {@code kafka} health
     * group turns DOWN, within this (plus the probe's own 2.5 s timeout) of Kafka going away, and back as soon after.
     */
    @WithDefault("3s")
    Duration probeInterval();

    /**
     * {@code auto}: start an embedded single-node broker when no {@code kafka.bootstrap.servers} is
     * configured anywhere; {@code never}: always use the configured cluster.
     */
    @WithDefault("auto")
    EmbeddedMode embedded();

    /** The port of the embedded broker's client listener on localhost. */
    @WithDefault("9092")
    int embeddedPort();

    /** The embedded broker's data folder; it survives restarts and is formatted only when new. */
    @WithDefault("data/embedded-kafka")
    String embeddedDataDir();

    enum EmbeddedMode {
        auto, never
    }
}
