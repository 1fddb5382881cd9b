package dev.newsfeed.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ArticleTopicTest {

    @Inject
    Admin admin;

    @Inject
    ArticleTopic articles;

    @Test
    void startUpCreatedTheArticlesTopicCompacted() throws Exception {
        assertThat(articles.status().state()).isEqualTo(ArticleTopic.State.READY);
        assertThat(configOf(articles.name(), "cleanup.policy")).isEqualTo("compact");
        assertThat(configOf(articles.name(), "retention.ms")).isEqualTo("-1");
        assertThat(configOf(articles.name(), "delete.retention.ms")).as("a week, the default tombstone retention")
                .isEqualTo("604800000");
    }

    @Test
    void missingTopicIsCreatedWithTheConfiguredPartitions() throws Exception {
        String name = "created-" + UUID.randomUUID();
        ArticleTopic topic = new ArticleTopic(admin, settings(name, 3));

        ArticleTopic.Status status = topic.ensure();

        assertThat(status.state()).isEqualTo(ArticleTopic.State.READY);
        assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions()).hasSize(3);
        assertThat(configOf(name, "cleanup.policy")).isEqualTo("compact");
        assertThat(configOf(name, "delete.retention.ms")).as("tombstone retention").isEqualTo("7200000");
        ConfigEntry minInsync = entryOf(name, "min.insync.replicas");
        assertThat(minInsync.source()).as("set on the topic by newsfeed.kafka.min-insync-replicas, not inherited")
                .isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        assertThat(minInsync.value()).isEqualTo("1");
        assertThat(topic.identity().tombstoneRetention()).isEqualTo(Duration.ofHours(2));
        assertThat(topic.identity().topicId())
                .isEqualTo(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).topicId().toString());
    }

    @Test
    void existingTopicThatDeletesByTimeIsReportedNotUsed() throws Exception {
        String name = "deleting-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1)
                .configs(Map.of("cleanup.policy", "delete")))).all().get();
        ArticleTopic topic = new ArticleTopic(admin, settings(name, 1));

        ArticleTopic.Status status = topic.ensure();

        assertThat(status.state()).isEqualTo(ArticleTopic.State.MISCONFIGURED);
        assertThat(status.detail()).contains(name, "cleanup.policy=delete", "cleanup.policy=compact");
        assertThat(configOf(name, "cleanup.policy")).as("left as it was").isEqualTo("delete");
    }

    /** Issue 19 (finding 9): the policy is read again while the service runs, not only at start-up. */
    @Test
    void topicSwitchedToDeleteWhileRunningIsReportedAtTheNextCheck() throws Exception {
        String name = "switched-" + UUID.randomUUID();
        ArticleTopic topic = new ArticleTopic(admin, settings(name, 1));
        assertThat(topic.ensure().state()).isEqualTo(ArticleTopic.State.READY);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET)))).all().get();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.checkPolicy().state() == ArticleTopic.State.MISCONFIGURED);
        assertThat(topic.status().detail()).contains("cleanup.policy=delete", "cleanup.policy=compact");

        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET)))).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.checkPolicy().state() == ArticleTopic.State.READY);
    }

    /** Issue 19 (finding 9): acks=all means two brokers once there are three replicas, unless configured. */
    @Test
    void minInsyncReplicasIsTwoWithThreeReplicasUnlessConfigured() {
        assertThat(ArticleTopic.minInsyncReplicas(settings("t", 1, (short) 3, Optional.empty()))).contains(2);
        assertThat(ArticleTopic.minInsyncReplicas(settings("t", 1, (short) 5, Optional.empty()))).contains(2);
        assertThat(ArticleTopic.minInsyncReplicas(settings("t", 1, (short) 3, Optional.of(3)))).contains(3);
        assertThat(ArticleTopic.minInsyncReplicas(settings("t", 1, (short) 1, Optional.empty()))).isEmpty();
        assertThat(ArticleTopic.minInsyncReplicas(settings("t", 1, (short) 2, Optional.empty()))).isEmpty();
    }

    private String configOf(String topic, String key) throws Exception {
        return entryOf(topic, key).value();
    }

    private ConfigEntry entryOf(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(key);
    }

    private static KafkaSettings settings(String topic, int partitions) {
        return settings(topic, partitions, (short) 1, Optional.of(1));
    }

    private static KafkaSettings settings(String topic, int partitions, short replicas, Optional<Integer> minInsync) {
        return new KafkaSettings() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public String deadLetterTopic() {
                return topic + ".dlq";
            }

            @Override
            public String retractionsTopic() {
                return topic + ".retractions";
            }

            @Override
            public int partitions() {
                return partitions;
            }

            @Override
            public Duration tombstoneRetention() {
                return Duration.ofHours(2);
            }

            @Override
            public short replicationFactor() {
                return replicas;
            }

            @Override
            public Optional<Integer> minInsyncReplicas() {
                return minInsync;
            }

            @Override
            public Duration policyCheckInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration probeInterval() {
                return Duration.ofSeconds(3);
            }

            @Override
            public EmbeddedMode embedded() {
                return EmbeddedMode.never;
            }

            @Override
            public int embeddedPort() {
                return 0;
            }

            @Override
            public String embeddedDataDir() {
                return "unused";
            }
        };
    }
}
