package dev.newsfeed.push;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.newsfeed.kafka.KafkaUnavailableException;

/**
 * Creates push's topics when missing: subscriptions and statuses compacted (the latest record of each id is what
 * holds), with the partitions the push group shares out; the dead-letter topic deleting by time like any log (the
 * broker's retention, a week by default).
 */
final class PushTopics {

    private static final long TIMEOUT_SECONDS = 10;

    private PushTopics() {
    }

    static void ensure(Admin admin, PushSettings settings, short replicationFactor, Integer minInsyncReplicas)
            throws KafkaUnavailableException {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (String topic : List.of(settings.subscriptionsTopic(), settings.statusTopic(),
                    settings.deadLetterTopic())) {
                if (existing.contains(topic)) {
                    continue;
                }
                Map<String, String> config = new HashMap<>();
                if (!topic.equals(settings.deadLetterTopic())) {
                    config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
                }
                if (minInsyncReplicas != null) {
                    config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsyncReplicas.toString());
                }
                create(admin, new NewTopic(topic, settings.partitions(), replicationFactor).configs(config));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("cannot create the push topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while creating the push topics", e);
        }
    }

    private static void create(Admin admin, NewTopic topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
