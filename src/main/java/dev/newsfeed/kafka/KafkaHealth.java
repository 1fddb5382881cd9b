package dev.newsfeed.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/**
 * Whether Kafka answers and the articles topic is fit for use, at {@code /q/health/group/kafka}, from the
 * last {@link BrokerProbe}. It is a group of its own, not readiness: an instance that has caught up keeps
 * serving its feed through an outage.
 */
@HealthGroup("kafka")
@ApplicationScoped
public class KafkaHealth implements HealthCheck {

    private final BrokerProbe probe;
    private final ArticleTopic topic;
    private final EmbeddedKafka embedded;

    KafkaHealth(BrokerProbe probe, ArticleTopic topic, EmbeddedKafka embedded) {
        this.probe = probe;
        this.topic = topic;
        this.embedded = embedded;
    }

    @Override
    public HealthCheckResponse call() {
        BrokerProbe.Reachability reachability = probe.last();
        ArticleTopic.Status status = topic.status();
        return HealthCheckResponse.named("kafka")
                .status(reachability.reachable() && status.state() == ArticleTopic.State.READY)
                .withData("embeddedBroker", embedded.isRunning())
                .withData("brokers", reachability.brokers())
                .withData("broker", reachability.detail())
                .withData("topic", topic.name())
                .withData("topicState", status.state().name())
                .withData("detail", status.detail())
                .build();
    }
}
