package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Makes sure the articles topic exists and is compacted, and that the dead-letter and retractions topics exist.
 * Kafka is the only store of articles, so a topic that deletes by time would silently lose them: such a topic is
 * reported, never used for writing.
 */
@ApplicationScoped
public class ArticleTopic {

    private static final Logger LOG = Logger.getLogger(ArticleTopic.class);
    private static final long TIMEOUT_SECONDS = 10;
    private static final String DEFAULT_DELETE_RETENTION_MS = "86400000";

    public enum State {
        /** Not checked yet, or the broker could not be asked. */
        UNKNOWN,
        /** Exists and is compacted. */
        READY,
        /** Exists with a policy that deletes articles. */
        MISCONFIGURED
    }

    public record Status(State state, String detail) {
    }

    /**
     * What the topics are, as far as change tokens and the view's checkpoint are concerned: their ids tell a
     * topic deleted and created again from the one a token or an index was made of.
     */
    public record Identity(String topicId, String retractionsTopicId, Duration tombstoneRetention) {
    }

    private final Admin admin;
    private final KafkaSettings settings;
    private volatile Status status = new Status(State.UNKNOWN, "not checked yet");
    private volatile Identity identity;

    ArticleTopic(Admin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    public String name() {
        return settings.topic();
    }

    /** The compacted topic of retractions, read with the articles by every view. */
    public String retractionsName() {
        return settings.retractionsTopic();
    }

    public Status status() {
        return status;
    }

    /** The topic's id and tombstone retention, read by {@link #ensure()}; null before. */
    public Identity identity() {
        return identity;
    }

    /**
     * Creates the topic if it is missing and checks its cleanup policy.
     *
     * @throws KafkaUnavailableException when the broker does not answer; the caller retries
     */
    public Status ensure() throws KafkaUnavailableException {
        try {
            Optional<TopicDescription> articles = describe(name());
            if (articles.isEmpty()) {
                create(name());
                articles = describeCreated(name());
            }
            if (describe(settings.deadLetterTopic()).isEmpty()) {
                create(settings.deadLetterTopic());
            }
            Optional<TopicDescription> retractions = describe(settings.retractionsTopic());
            if (retractions.isEmpty()) {
                create(settings.retractionsTopic());
                retractions = describeCreated(settings.retractionsTopic());
            }
            String retractionsId = retractions.map(description -> description.topicId().toString()).orElse(null);
            Config config = config();
            String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
            String topicId = articles.map(description -> description.topicId().toString()).orElse(null);
            identity = new Identity(topicId, retractionsId, Duration.ofMillis(Long.parseLong(
                    value(config, TopicConfig.DELETE_RETENTION_MS_CONFIG, DEFAULT_DELETE_RETENTION_MS))));
            status = policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)
                    ? misconfigured(policy)
                    : new Status(State.READY, "topic " + name() + " is compacted");
            if (status.state() == State.MISCONFIGURED) {
                LOG.error(status.detail());
            }
            return status;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            status = new Status(State.UNKNOWN, "cannot reach Kafka to check topic " + name() + ": " + cause);
            throw new KafkaUnavailableException(status.detail(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while checking topic " + name(), e);
        }
    }

    private Status misconfigured(String policy) {
        return new Status(State.MISCONFIGURED, "topic " + name() + " has cleanup.policy=" + policy
                + ": Kafka would delete articles when they age. newsfeed keeps every article only in this topic;"
                + " set cleanup.policy=compact on it (kafka-configs.sh --alter --entity-type topics --entity-name "
                + name() + " --add-config cleanup.policy=compact) or configure another newsfeed.kafka.topic");
    }

    /** The topic as the cluster describes it; empty when it does not exist. */
    private Optional<TopicDescription> describe(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A topic just created, once the broker that answers knows it: creation is acknowledged by the controller,
     * and the brokers learn of it a moment later.
     */
    private Optional<TopicDescription> describeCreated(String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        Optional<TopicDescription> description = describe(topic);
        while (description.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            description = describe(topic);
        }
        return description;
    }

    private void create(String name) throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> configs = new HashMap<>(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // Stated although compaction ignores it, so that nobody reads a default of 7 days into it.
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                // How long a since token of the feed stays good: a week of absence, not Kafka's one day.
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(settings.tombstoneRetention().toMillis())));
        settings.minInsyncReplicas().ifPresent(replicas ->
                configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replicas)));
        NewTopic topic = new NewTopic(name, settings.partitions(), settings.replicationFactor()).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("Created topic %s (%d partitions, replication factor %d, min.insync.replicas %s, compacted)",
                    name, settings.partitions(), settings.replicationFactor(),
                    settings.minInsyncReplicas().map(String::valueOf).orElse("of the broker"));
        } catch (ExecutionException e) {
            // Another instance created it first: the policy check that follows judges it like any other.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private Config config() throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                return admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(resource);
            } catch (ExecutionException e) {
                // A topic created a moment ago, by us or by another instance, may not have reached this broker.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static String value(Config config, String name, String fallback) {
        ConfigEntry entry = config.get(name);
        return entry == null || entry.value() == null ? fallback : entry.value();
    }
}
