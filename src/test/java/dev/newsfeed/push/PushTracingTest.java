package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.newsfeed.kafka.KafkaClients;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 21, item 6, push's part: a delivery is a span in the trace whose context the article's record carries
 * ({@code traceparent}), and the receiver gets the delivery's context to go on with. Spans are read from an in-memory
 * exporter ({@link RecordedSpans}) with the SDK turned on for this profile only.
 */
@QuarkusTest
@TestProfile(PushTracingTest.TracingOn.class)
class PushTracingTest {

    /** The SDK on, its spans to the in-memory exporter. */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "100ms");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    KafkaClients clients;

    @Inject
    RecordedSpans recorded;

    @Test
    void aDeliveryContinuesTheTraceOfTheArticlesRecord() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver();
                WebhookTestSupport webhooks = new WebhookTestSupport()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String id = post("Signal Box Restored " + word, "The " + word + " box works again.");
            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 1);
            String article = authorized().get("/articles/" + id).then().statusCode(200).extract().asString();

            // The same version again, as a publisher that traces would write it: with its trace context.
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(clients.producerConfig(Map.of()),
                    new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> record = new ProducerRecord<>("newsfeed.articles", id, article);
                record.headers().add("traceparent", ("00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01")
                        .getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_type", "newsfeed.article.updated".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }

            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 2);
            assertThat(WebhookTestSupport.about(receiver, id).get(1).header("traceparent")).startsWith("00-"
                    + TRACE_ID + "-");
            await().atMost(WAIT).untilAsserted(() -> {
                List<SpanData> deliveries = recorded.spans().stream()
                        .filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
                assertThat(deliveries).singleElement().satisfies(span -> {
                    assertThat(span.getName()).isEqualTo("push webhook delivery");
                    assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
                    assertThat(span.getAttributes().asMap().toString()).contains(id).contains("delivered");
                });
            });
        }
    }
}
