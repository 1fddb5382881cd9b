package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.newsfeed.http.HttpHardeningProfile;
import dev.newsfeed.kafka.KafkaClients;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 21, item 5, with the service's default: callbacks to private addresses are refused when subscribing, and
 * again at each delivery, for a subscription that got onto the topic some other way (or whose name now resolves
 * elsewhere). The rest of the suite allows them, to reach its receivers on 127.0.0.1; the hardening profile keeps the
 * default (and shares its Quarkus start with the HTTP hardening tests).
 */
@QuarkusTest
@TestProfile(HttpHardeningProfile.class)
class PushDefaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KafkaClients clients;

    @Inject
    PushService service;

    @Test
    void aWebhookToALoopbackOrPrivateAddressIsRefusedWithTheReason() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://10.0.0.7/hook", "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data")) {
            authorized().contentType("application/json").body(Map.of("url", url)).post("/webhooks").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("which this service does not call"));
        }
    }

    @Test
    void aWebSubCallbackToALoopbackAddressIsRefused() {
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("hub.mode", "subscribe", "hub.topic", "http://localhost:8080/feed.atom",
                        "hub.callback", "http://127.0.0.1:8080/cb"))
                .post("/hub").then().statusCode(422);
    }

    @Test
    void eachDeliveryChecksTheAddressAgain() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver receiver = new Receiver();
                KafkaPushWrites writes = new KafkaPushWrites(clients.producerConfig(Map.of()),
                        service.settings().subscriptionsTopic(), service.settings().statusTopic(),
                        service.settings().deadLetterTopic())) {
            String id = "wh_" + word;
            writes.save(new Subscription(id, Subscription.Kind.WEBHOOK, receiver.url("/hook"),
                    new SubscriptionFilter(word, null, null), EnumSet.allOf(EventKind.class),
                    List.of(new SigningSecret(WebhookSecrets.generate(), null)), Subscription.State.ACTIVE, null,
                    Instant.now(), service.endOffsets(), null, null)).toCompletableFuture().get();
            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200));

            post("Reservoir Level Rises " + word, "The " + word + " reservoir is full.");

            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then()
                    .body("status.lastFailure", org.hamcrest.Matchers.containsString("refused"))
                    .body("status.lastFailure", org.hamcrest.Matchers.containsString("loopback")));
            assertThat(receiver.requests()).isEmpty();
            authorized().delete("/webhooks/" + id).then().statusCode(204);
        }
    }
}
