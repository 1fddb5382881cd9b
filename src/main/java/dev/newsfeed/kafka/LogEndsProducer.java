package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.admin.Admin;

/** The end offsets of the topics every view reads: the articles and the retractions. */
@ApplicationScoped
class LogEndsProducer {

    /** A writer waits at most this long for the brokers to say where the logs end, then hears a 503. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Produces
    @ApplicationScoped
    LogEnds articleLogEnds(Admin admin, KafkaSettings settings) {
        return new LogEnds(admin, List.of(settings.topic(), settings.retractionsTopic()), TIMEOUT);
    }
}
