package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/**
 * Issue 10 (start-up): the outgoing channels' producers are created on first use (lazy-client), and
 * {@link ProducerStarter} creates them once the feed is ready, so that neither start-up nor the first write waits.
 */
@QuarkusTest
class ProducerStarterTest {

    @Inject
    KafkaClientService clients;

    @Test
    void everyOutgoingChannelHasItsProducerOnceTheFeedIsReady() {
        assertThat(clients.getProducerChannels()).containsExactlyInAnyOrderElementsOf(ProducerStarter.CHANNELS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ProducerStarter.CHANNELS.forEach(channel ->
                assertThat(clients.getProducer(channel).unwrap()).as(channel).isNotNull()));
    }
}
