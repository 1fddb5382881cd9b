package dev.newsfeed.ingest;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start when a producer that writes articles may still retry after a writer was told 503: with a
 * {@code delivery.timeout.ms} longer than {@code newsfeed.ingest.publish-timeout}, Kafka could acknowledge a record
 * the client was told it did not. Kafka's own answer (acknowledged or failed) must come within the publish timeout.
 */
@ApplicationScoped
class ProducerTimeouts {

    /** Kafka's default delivery.timeout.ms, when a channel does not set it. */
    private static final long KAFKA_DEFAULT_MS = 120_000;
    private static final List<String> CHANNELS = List.of(ArticlePublisher.CHANNEL,
            ArticlePublisher.RETRACTIONS_CHANNEL);

    void check(@Observes StartupEvent event, Config config, IngestSettings settings) {
        check(config, settings.publishTimeout());
    }

    static void check(Config config, Duration publishTimeout) {
        for (String channel : CHANNELS) {
            String key = "mp.messaging.outgoing." + channel + ".delivery.timeout.ms";
            long delivery = config.getOptionalValue(key, Long.class).orElse(KAFKA_DEFAULT_MS);
            if (delivery > publishTimeout.toMillis()) {
                throw new IllegalStateException(key + "=" + delivery + " is longer than newsfeed.ingest.publish-timeout ("
                        + publishTimeout.toMillis() + " ms): a writer would be told 503 while the producer still retries,"
                        + " and Kafka may then acknowledge what the writer was told it did not. Set " + key
                        + " to at most the publish timeout (and request.timeout.ms below it), or raise the timeout.");
            }
        }
    }
}
