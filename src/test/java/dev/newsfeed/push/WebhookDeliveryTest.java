package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static dev.newsfeed.push.WebhookTestSupport.about;
import static dev.newsfeed.push.WebhookTestSupport.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Issue 21, item 1: a webhook subscribed over the API gets each change as a signed CloudEvent, as it asked. */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebhookTestSupport webhooks = new WebhookTestSupport();

    @AfterEach
    void unsubscribe() {
        webhooks.close();
    }

    @Test
    void aPublishedArticleArrivesAsACloudEventSignedAsStandardWebhooksSays() throws Exception {
        try (Receiver receiver = new Receiver()) {
            JsonPath webhook = webhooks.subscribe(Map.of("url", receiver.url("/hook")));
            String secret = webhook.getString("secret");
            assertThat(secret).startsWith("whsec_");

            String id = post("Tram Line Returns " + UUID.randomUUID(), "The council voted on Tuesday.");

            await().atMost(WAIT).until(() -> !about(receiver, id).isEmpty());
            Receiver.Request delivery = about(receiver, id).get(0);
            assertThat(delivery.method()).isEqualTo("POST");
            assertThat(delivery.uri().getPath()).isEqualTo("/hook");
            assertThat(delivery.header("content-type")).startsWith("application/cloudevents+json");
            String webhookId = delivery.header("webhook-id");
            String timestamp = delivery.header("webhook-timestamp");
            assertThat(webhookId).startsWith("msg_");
            assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(60L));
            assertThat(delivery.header("webhook-signature"))
                    .isEqualTo(StandardWebhooks.expectedSignature(secret, webhookId, timestamp, delivery.body()));
            JsonNode event = json(delivery);
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("newsfeed.article.published");
            assertThat(event.path("data").path("id").asText()).isEqualTo(id);
            assertThat(event.path("data").path("body").get(0).asText()).isEqualTo("The council voted on Tuesday.");
        }
    }

    @Test
    void aRetractionIsDeliveredWithTheArticleIdAndItsTime() {
        try (Receiver receiver = new Receiver()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "events", List.of("retracted")));
            String id = post("Retracted Ferry Timetable " + UUID.randomUUID(), "Printed in error.");
            authorized().delete("/articles/" + id).then().statusCode(204);

            await().atMost(WAIT).until(() -> !about(receiver, id).isEmpty());
            List<Receiver.Request> deliveries = about(receiver, id);
            assertThat(deliveries).hasSize(1);
            JsonNode event = json(deliveries.get(0));
            assertThat(event.path("type").asText()).isEqualTo("newsfeed.article.retracted");
            assertThat(event.path("data").path("id").asText()).isEqualTo(id);
            assertThat(event.path("data").path("retractedAt").asText()).isNotEmpty();
        }
    }

    @Test
    void aFilterInTheFeedsWordsLetsOnlyMatchingArticlesThrough() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver()) {
            webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String other = post("Harbour Cranes Replaced", "Nothing about the word.");
            String matching = post("Cable Car Opens", "The " + word + " line opened today.");

            await().atMost(WAIT).until(() -> !about(receiver, matching).isEmpty());
            // Published before the matching one, in the same partition: had it passed, it would have come first.
            assertThat(about(receiver, other)).isEmpty();
        }
    }

    @Test
    void aPausedWebhookGetsItsEventsOnceResumed() {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver()) {
            String id = webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)))
                    .getString("id");
            authorized().post("/webhooks/" + id + "/pause").then().statusCode(200).body("state",
                    org.hamcrest.Matchers.is("PAUSED"));
            String article = post("Canal Drained " + word, "The " + word + " canal is empty for repairs.");
            authorized().get("/articles/" + article).then().statusCode(200);
            assertThat(receiver.requests()).isEmpty();

            authorized().post("/webhooks/" + id + "/resume").then().statusCode(200).body("state",
                    org.hamcrest.Matchers.is("ACTIVE"));
            await().atMost(WAIT).until(() -> about(receiver, article).size() == 1);
        }
    }

    @Test
    void duringARotationsGraceBothSecretsSign() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver()) {
            JsonPath webhook = webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
            String old = webhook.getString("secret");
            String rotated = authorized().contentType("application/json").body(Map.of("graceSeconds", 3600))
                    .post("/webhooks/" + webhook.getString("id") + "/secret").then().statusCode(200)
                    .extract().path("secret");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(old);

            String article = post("Bell Tower Rehung " + word, "The " + word + " bells ring again.");
            await().atMost(WAIT).until(() -> about(receiver, article).size() == 1);
            Receiver.Request delivery = about(receiver, article).get(0);
            String id = delivery.header("webhook-id");
            String timestamp = delivery.header("webhook-timestamp");
            assertThat(delivery.header("webhook-signature").split(" ")).containsExactlyInAnyOrder(
                    StandardWebhooks.expectedSignature(rotated, id, timestamp, delivery.body()),
                    StandardWebhooks.expectedSignature(old, id, timestamp, delivery.body()));
        }
    }

    @Test
    void theSecretIsShownOnceAndNeverListed() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = webhooks.subscribe(Map.of("url", receiver.url("/hook"))).getString("id");

            String shown = authorized().get("/webhooks/" + id).then().statusCode(200).extract().asString();
            String listed = authorized().get("/webhooks").then().statusCode(200).extract().asString();
            assertThat(shown).doesNotContain("whsec_").contains("\"state\":\"ACTIVE\"");
            assertThat(listed).doesNotContain("whsec_").contains(id);
        }
    }

    @Test
    void subscribingNeedsTheApiToken() {
        given().contentType("application/json").body(Map.of("url", "http://127.0.0.1:9/hook")).post("/webhooks")
                .then().statusCode(401);
        given().get("/webhooks").then().statusCode(401);
    }

    @Test
    void badInputIsAProblemThatSaysWhatIsWrong() {
        authorized().contentType("application/json").body(Map.of("url", "ftp://example.com/x")).post("/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("http or https"));
        authorized().contentType("application/json").body(Map.of("url", "http://127.0.0.1:9/", "secret", "hunter2"))
                .post("/webhooks").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("whsec_"))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("hunter2")));
        authorized().get("/webhooks/wh_nothing").then().statusCode(404).contentType("application/problem+json");
    }
}
