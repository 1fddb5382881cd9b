package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.article.ArticleIds;
import dev.newsfeed.ingest.folder.ThreePartitionsMovingFolderProfile;
import dev.newsfeed.kafka.KafkaClients;
import dev.newsfeed.kafka.TopicContents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 21, item 6: one trace per article. A POST (its server span) or a dropped file (its ingest span), the record on
 * Kafka (a producer span, whose context the record carries as {@code traceparent}), the view applying it, and each
 * delivery are spans of one trace; the receiver gets the delivery's context to go on with. Spans are read from an
 * in-memory exporter ({@link RecordedSpans}), with the SDK on in the profile this test shares (the rest of the suite
 * runs with it off, the service's default).
 */
@QuarkusTest
@TestProfile(ThreePartitionsMovingFolderProfile.class)
class PushTracingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

    @Inject
    KafkaClients clients;

    @Inject
    RecordedSpans recorded;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "newsfeed.kafka.topic")
    String topic;

    @Test
    void aPostsTraceRunsThroughItsRecordTheViewAndTheDelivery() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver();
                WebhookTestSupport webhooks = new WebhookTestSupport()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String id = post("Tram Depot Reopens " + word, "The " + word + " depot opens its doors.");

            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 1);
            await().atMost(WAIT).untilAsserted(() -> {
                SpanData delivery = delivery(id);
                List<SpanData> trace = trace(delivery.getTraceId());
                SpanData server = only(trace, SpanKind.SERVER);
                assertThat(server.getName()).isEqualTo("POST /articles");
                SpanData publish = only(trace, SpanKind.PRODUCER);
                assertThat(publish.getName()).isEqualTo("publish " + topic);
                assertThat(publish.getParentSpanId()).isEqualTo(server.getSpanId());
                SpanData apply = only(trace, SpanKind.CONSUMER);
                assertThat(apply.getName()).isEqualTo("view apply");
                assertThat(apply.getParentSpanId()).isEqualTo(publish.getSpanId());
                assertThat(delivery.getParentSpanId()).isEqualTo(publish.getSpanId());
            });
            String traceId = delivery(id).getTraceId();
            assertThat(TopicContents.read(bootstrapServers, topic).stream()
                    .filter(record -> id.equals(record.key())).map(PushTracingTest::traceparent))
                    .singleElement().asString().startsWith("00-" + traceId + "-");
            assertThat(WebhookTestSupport.about(receiver, id).get(0).header("traceparent"))
                    .startsWith("00-" + traceId + "-");
        }
    }

    @Test
    void aRetractionsTraceRunsFromTheDeleteThroughItsTombstoneToItsDelivery() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver();
                WebhookTestSupport webhooks = new WebhookTestSupport()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String id = post("Old Bridge Survey " + word, "The " + word + " survey is out.");
            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 1);

            authorized().delete("/articles/" + id).then().statusCode(204);

            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 2);
            await().atMost(WAIT).untilAsserted(() -> {
                SpanData delivery = recorded.spans().stream().filter(span -> span.getName()
                        .equals("push webhook delivery") && attribute(span, "newsfeed.article.id").equals(id)
                        && attribute(span, "newsfeed.push.event").equals("newsfeed.article.retracted"))
                        .findFirst().orElseThrow(() -> new AssertionError("no delivery span of the retraction"));
                List<SpanData> trace = trace(delivery.getTraceId());
                assertThat(only(trace, SpanKind.SERVER).getName()).startsWith("DELETE /articles/");
                SpanData tombstone = trace.stream().filter(span -> span.getKind() == SpanKind.PRODUCER
                        && span.getName().equals("publish " + topic)).findFirst()
                        .orElseThrow(() -> new AssertionError("no producer span of the tombstone in " + trace));
                assertThat(delivery.getParentSpanId()).isEqualTo(tombstone.getSpanId());
                assertThat(trace).filteredOn(span -> span.getName().equals("view apply"))
                        .extracting(SpanData::getParentSpanId).containsExactly(tombstone.getSpanId());
            });
        }
    }

    @Test
    void aDroppedFilesTraceStartsAtItsIngestAndRunsToTheDelivery() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        String name = "traced-" + word;
        try (Receiver receiver = new Receiver();
                WebhookTestSupport webhooks = new WebhookTestSupport()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String title = "Ferry Timetable Changes " + word;
            Files.writeString(folder.resolve(name + ".txt"), "The " + word + " ferry keeps new hours.\n" + title
                    + "\n\n" + title + "\nFrom Monday.\nThe " + word + " ferry leaves at seven.\n",
                    StandardCharsets.UTF_8);
            String id = ArticleIds.forFile(Path.of(name + ".txt"));

            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 1);
            await().atMost(WAIT).untilAsserted(() -> {
                SpanData delivery = delivery(id);
                List<SpanData> trace = trace(delivery.getTraceId());
                SpanData ingest = trace.stream().filter(span -> span.getName().equals("ingest file")).findFirst()
                        .orElseThrow(() -> new AssertionError("no ingest span in " + trace));
                assertThat(ingest.getParentSpanContext().isValid()).as("the ingest span has a parent").isFalse();
                assertThat(ingest.getAttributes().asMap().toString()).contains(name + ".txt").contains("published");
                SpanData publish = only(trace, SpanKind.PRODUCER);
                assertThat(publish.getParentSpanId()).isEqualTo(ingest.getSpanId());
                assertThat(only(trace, SpanKind.CONSUMER).getParentSpanId()).isEqualTo(publish.getSpanId());
                assertThat(delivery.getParentSpanId()).isEqualTo(publish.getSpanId());
            });
        }
    }

    private SpanData delivery(String articleId) {
        return recorded.spans().stream().filter(span -> span.getName().equals("push webhook delivery")
                && attribute(span, "newsfeed.article.id").equals(articleId))
                .findFirst().orElseThrow(() -> new AssertionError("no delivery span of " + articleId));
    }

    private static String attribute(SpanData span, String key) {
        return span.getAttributes().asMap().entrySet().stream()
                .filter(attribute -> attribute.getKey().getKey().equals(key))
                .map(attribute -> String.valueOf(attribute.getValue())).findFirst().orElse("");
    }

    private List<SpanData> trace(String traceId) {
        return recorded.spans().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> of = trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(of).as(kind + " spans of " + trace).hasSize(1);
        return of.get(0);
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void theViewAndADeliveryContinueTheTraceOfTheArticlesRecord() throws Exception {
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
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, id, article);
                record.headers().add("traceparent", ("00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01")
                        .getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_type", "newsfeed.article.updated".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }

            await().atMost(WAIT).until(() -> WebhookTestSupport.about(receiver, id).size() == 2);
            assertThat(WebhookTestSupport.about(receiver, id).get(1).header("traceparent")).startsWith("00-"
                    + TRACE_ID + "-");
            // The record's trace holds the view's apply and the delivery, each a child of the record's context.
            await().atMost(WAIT).untilAsserted(() -> {
                List<SpanData> trace = trace(TRACE_ID);
                assertThat(trace).extracting(SpanData::getName)
                        .containsExactlyInAnyOrder("view apply", "push webhook delivery");
                assertThat(trace).extracting(SpanData::getParentSpanId).containsOnly(PARENT_SPAN_ID);
                assertThat(trace).allSatisfy(span -> assertThat(span.getAttributes().asMap().toString())
                        .contains(id));
                assertThat(only(trace, SpanKind.CLIENT).getAttributes().asMap().toString()).contains("delivered");
            });
        }
    }
}
