package dev.newsfeed.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;
import dev.newsfeed.follower.ViewUpdater;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Creates the Kafka producers of the outgoing channels once the service is ready: its API listens and the feed has
 * caught up. The channels create them on their first send ({@code lazy-client=true} in application.properties):
 * built eagerly, the three held up start-up one after the other on the main thread (issue 10). Started here, after
 * start-up and on each channel's own sending thread, they spare the first write that cost too. A producer that
 * cannot be created is logged at ERROR by SmallRye and created again by the next send on its channel, which fails
 * until then.
 */
@ApplicationScoped
class ProducerStarter {

    private static final Logger LOG = Logger.getLogger(ProducerStarter.class);
    static final List<String> CHANNELS = List.of(ArticlePublisher.CHANNEL, ArticlePublisher.RETRACTIONS_CHANNEL,
            DeadLetterPublisher.CHANNEL);

    private final KafkaClientService clients;
    private final ViewUpdater updater;

    ProducerStarter(KafkaClientService clients, ViewUpdater updater) {
        this.clients = clients;
        this.updater = updater;
    }

    void start(@ObservesAsync HttpServerStart event) {
        updater.caughtUp().thenRun(this::createProducers);
    }

    private void createProducers() {
        for (String channel : CHANNELS) {
            // Only scheduled here, on the channel's sending thread: the thread that runs this goes on at once.
            clients.getProducer(channel).runOnSendingThread(producer -> {
            }).subscribe().with(created -> LOG.debugf("Kafka producer of %s created", channel),
                    failure -> LOG.warnf("The Kafka producer of %s could not be created yet; its next send tries"
                            + " again: %s", channel, LogValues.safe(failure.toString())));
        }
    }
}
