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
    private static final long SHORT_TIMEOUT_MS = 2_000;
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

    /** The ids of the articles and retractions topics as the cluster describes them now. */
    public record Ids(String articles, String retractions) {
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
     * The topics' ids now, asked of the cluster with a short timeout; empty when it does not answer or a topic is
     * missing (being deleted and created again, perhaps).
     */
    public Optional<Ids> currentIds() {
        try {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(name(), retractionsName()))
                    .allTopicNames().get(SHORT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return Optional.of(new Ids(topics.get(name()).topicId().toString(),
                    topics.get(retractionsName()).topicId().toString()));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Reads the articles topic's cleanup policy again: someone may switch it to {@code delete} while the service runs.
     * Readiness and the {@code kafka} group report a deleting policy; a broker that does not answer changes nothing.
     */
    public Status checkPolicy() {
        if (status.state() == State.UNKNOWN) {
            return status;
        }
        try {
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, name())))
                    .all().get(SHORT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(new ConfigResource(ConfigResource.Type.TOPIC, name()));
            judge(value(config, TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE));
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("Kafka did not answer for the policy of topic %s: %s", name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }

    private void judge(String policy) {
        Status before = status;
        status = policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)
                ? misconfigured(policy)
                : new Status(State.READY, "topic " + name() + " is compacted");
        if (status.state() == State.MISCONFIGURED && !status.equals(before)) {
            LOG.error(status.detail());
        } else if (before.state() == State.MISCONFIGURED && status.state() == State.READY) {
            LOG.infof("Topic %s is compacted again", name());
        }
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
            judge(policy);
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

    /**
     * Creates a topic of one partition, replicated like the articles, when it is missing: a topic instances
     * coordinate through (its consumer group), on which nothing is ever written.
     *
     * @throws KafkaUnavailableException when the broker does not answer; the caller retries
     */
    public void ensureCoordinationTopic(String name) throws KafkaUnavailableException {
        try {
            if (describe(name).isEmpty()) {
                create(name, 1, Map.of());
                describeCreated(name);
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaUnavailableException("cannot reach Kafka to check topic " + name + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while checking topic " + name, e);
        }
    }

    private void create(String name) throws InterruptedException, ExecutionException, TimeoutException {
        create(name, settings.partitions(), Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // Stated although compaction ignores it, so that nobody reads a default of 7 days into it.
                TopicConfig.RETENTION_MS_CONFIG, "-1",
                // How long a since token of the feed stays good: a week of absence, not Kafka's one day.
                TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(settings.tombstoneRetention().toMillis())));
    }

    private void create(String name, int partitions, Map<String, String> configs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> all = new HashMap<>(configs);
        // Without it, acks=all is acknowledged by a lone leader whose death then loses the record.
        minInsyncReplicas(settings).ifPresent(replicas ->
                all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(replicas)));
        NewTopic topic = new NewTopic(name, partitions, settings.replicationFactor()).configs(all);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("Created topic %s (%d partitions, replication factor %d, min.insync.replicas %s)", name,
                    partitions, settings.replicationFactor(),
                    minInsyncReplicas(settings).map(String::valueOf).orElse("of the broker"));
        } catch (ExecutionException e) {
            // Another instance created it first: the policy check that follows judges it like any other.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * {@code min.insync.replicas} of the topics this service creates: as configured, else 2 once there are 3 replicas
     * or more (one broker may die without losing an acknowledged record, and writes go on), else the broker's.
     */
    static Optional<Integer> minInsyncReplicas(KafkaSettings settings) {
        if (settings.minInsyncReplicas().isPresent()) {
            return settings.minInsyncReplicas();
        }
        return settings.replicationFactor() >= 3 ? Optional.of(2) : Optional.empty();
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
