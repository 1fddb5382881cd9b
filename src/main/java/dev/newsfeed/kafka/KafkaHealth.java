package dev.newsfeed.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * Whether Kafka answers and the articles topic is fit for use, at {@code /q/health/group/kafka}. It is a
 * group of its own, not readiness: an instance that has caught up keeps serving its feed through an outage.
 */
@HealthGroup("kafka")
@ApplicationScoped
public class KafkaHealth implements HealthCheck {

    private static final int TIMEOUT_MS = 3_000;

    private final Admin admin;
    private final ArticleTopic topic;
    private final EmbeddedKafka embedded;

    KafkaHealth(Admin admin, ArticleTopic topic, EmbeddedKafka embedded) {
        this.admin = admin;
        this.topic = topic;
        this.embedded = embedded;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka")
                .withData("embeddedBroker", embedded.isRunning())
                .withData("topic", topic.name());
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            ArticleTopic.Status status = topic.status();
            return response.status(status.state() == ArticleTopic.State.READY)
                    .withData("brokers", nodes)
                    .withData("topicState", status.state().name())
                    .withData("detail", status.detail())
                    .build();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return response.down().withData("detail", "Kafka does not answer: " + cause).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("detail", "interrupted").build();
        }
    }
}
