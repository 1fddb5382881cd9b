package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static dev.newsfeed.push.WebhookTestSupport.about;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.kafka.TopicContents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 21, item 4: a receiver that fails, times out and comes back gets every event, each under one webhook-id; 410
 * disables; Retry-After is honoured; after the last attempt the event goes to the dead-letter topic and the
 * subscription shows failing; a redirect is a failed attempt, never followed (item 5), and an answer longer than the
 * bound is cut off without harm. The test profile's schedule is 0 s, 200 ms, 400 ms, 800 ms, with a 3 s attempt
 * timeout.
 */
@QuarkusTest
class WebhookRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    // Relative to the management interface's root, /q.
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private final WebhookTestSupport webhooks = new WebhookTestSupport();

    @AfterEach
    void unsubscribe() {
        webhooks.close();
    }

    /** A word only this test's articles hold, so that its subscription sees nothing else. */
    private static String word() {
        return "zq" + UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonPath subscribe(Receiver receiver, String word) {
        return webhooks.subscribe(Map.of("url", receiver.url("/hook"), "filter", Map.of("q", word)));
    }

    @Test
    void aReceiverThatFailsTimesOutAndComesBackGetsEveryEventInOrderUnderOneIdEach() {
        String word = word();
        try (Receiver receiver = new Receiver().answering(number -> switch (number) {
            case 0, 1 -> Receiver.Reply.status(503);
            case 2 -> Receiver.Reply.hanging();
            default -> Receiver.Reply.status(200);
        })) {
            String id = subscribe(receiver, word).getString("id");
            String first = post("Night Buses Return " + word, "After the " + word + " vote.");
            String second = post("Night Buses Extended " + word, "Two more " + word + " lines.");

            await().atMost(WAIT).until(() -> about(receiver, second).size() == 1);
            List<Receiver.Request> firstAttempts = about(receiver, first);
            assertThat(firstAttempts).hasSize(4);
            assertThat(firstAttempts).extracting(request -> request.header("webhook-id")).containsOnly(
                    firstAttempts.get(0).header("webhook-id"));
            assertThat(about(receiver, second).get(0).header("webhook-id"))
                    .isNotEqualTo(firstAttempts.get(0).header("webhook-id"));
            // In the topic's order: the second only once the first was delivered.
            List<Receiver.Request> all = receiver.requests();
            assertThat(all.indexOf(about(receiver, second).get(0))).isEqualTo(4);

            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200)
                    .body("status.lastSuccessAt", org.hamcrest.Matchers.notNullValue())
                    .body("status.lastFailure", org.hamcrest.Matchers.containsString("attempt 3 of 4"))
                    .body("status.failing", org.hamcrest.Matchers.is(false))
                    .body("backlog", org.hamcrest.Matchers.is(0)));
        }
    }

    @Test
    void a410DisablesTheSubscriptionAndNothingMoreIsSent() {
        String word = word();
        try (Receiver receiver = new Receiver().answering(number -> Receiver.Reply.status(410))) {
            String id = subscribe(receiver, word).getString("id");
            String first = post("Ferry Route Closed " + word, "The " + word + " ferry stops.");

            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.is("DISABLED"))
                    .body("stateReason", org.hamcrest.Matchers.containsString("410")));
            post("Ferry Route Reopened " + word, "The " + word + " ferry runs again.");
            assertThat(about(receiver, first)).hasSize(1);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void retryAfterIsHonoured() {
        String word = word();
        try (Receiver receiver = new Receiver().answering(number -> number == 0
                ? new Receiver.Reply(429, "", Map.of("Retry-After", "2"), false) : Receiver.Reply.status(204))) {
            subscribe(receiver, word);
            post("Bridge Toll Lifted " + word, "The " + word + " toll ends.");

            await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
            assertThat(Duration.between(receiver.arrivals().get(0), receiver.arrivals().get(1)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
        }
    }

    @Test
    void anEventGivenUpGoesToTheDeadLetterTopicWithItsReasonAndTheSubscriptionShowsFailing() {
        String word = word();
        try (Receiver receiver = new Receiver().answering(number -> number < 4 ? Receiver.Reply.status(500)
                : Receiver.Reply.status(204))) {
            String id = subscribe(receiver, word).getString("id");
            String lost = post("Tunnel Delayed " + word, "The " + word + " tunnel slips.");

            await().atMost(WAIT).until(() -> deadLetters(id).size() == 1);
            ConsumerRecord<String, String> letter = deadLetters(id).get(0);
            assertThat(header(letter, "newsfeed.push.reason")).isEqualTo("attempt 4 of 4: HTTP 500");
            assertThat(header(letter, "newsfeed.push.article")).isEqualTo(lost);
            assertThat(header(letter, "newsfeed.push.webhook-id")).isEqualTo(
                    about(receiver, lost).get(0).header("webhook-id"));
            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then()
                    .body("status.failing", org.hamcrest.Matchers.is(true))
                    .body("status.deadLettered", org.hamcrest.Matchers.is(1)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(io.restassured.RestAssured.get(metrics).then()
                    .statusCode(200).extract().asString())
                    .contains("newsfeed_push_failing{subscription=\"" + id + "\"} 1.0")
                    .containsPattern("newsfeed_push_deliveries_total\\{kind=\"webhook\",result=\"dead_lettered\"\\}")
                    .contains("newsfeed_push_backlog_records{subscription=\"" + id + "\"}"));

            // The next event succeeds at its first attempt: the subscription is no longer failing.
            String next = post("Tunnel Opens " + word, "The " + word + " tunnel opens.");
            await().atMost(WAIT).until(() -> about(receiver, next).size() == 1);
            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then()
                    .body("status.failing", org.hamcrest.Matchers.is(false)));
        }
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedAttempt() {
        String word = word();
        try (Receiver elsewhere = new Receiver();
                Receiver redirecting = new Receiver().answering(number -> switch (number) {
                    case 0 -> new Receiver.Reply(302, "", Map.of("Location", elsewhere.url("/hook")), false);
                    case 1 -> new Receiver.Reply(307, "", Map.of("Location", elsewhere.url("/hook")), false);
                    default -> Receiver.Reply.status(204);
                })) {
            String id = subscribe(redirecting, word).getString("id");
            String article = post("Harbour Crane Moved " + word, "The " + word + " crane moves.");

            await().atMost(WAIT).until(() -> about(redirecting, article).size() == 3);
            assertThat(elsewhere.requests()).as("the redirect's target").isEmpty();
            assertThat(about(redirecting, article)).extracting(request -> request.header("webhook-id"))
                    .containsOnly(about(redirecting, article).get(0).header("webhook-id"));
            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200)
                    .body("status.lastSuccessAt", org.hamcrest.Matchers.notNullValue())
                    .body("status.lastFailure", org.hamcrest.Matchers.containsString("attempt 2 of 4: HTTP 307"))
                    .body("status.failing", org.hamcrest.Matchers.is(false)));
        }
    }

    @Test
    void anAnswerLongerThanTheBoundIsCutOffAndTheDeliveryStands() {
        String word = word();
        // 8 KiB, twice the bound, and an end that never comes: read whole, the answer would time out (3 s) and the
        // event would be tried again; cut at the bound, its 2xx delivers it.
        try (Receiver receiver = new Receiver().answering(number -> Receiver.Reply.endlessBody(200, 8 * 1024))) {
            String id = subscribe(receiver, word).getString("id");
            String first = post("Lighthouse Relit " + word, "The " + word + " light shines.");
            String second = post("Lighthouse Keeper Named " + word, "A " + word + " keeper starts.");

            await().atMost(WAIT).until(() -> about(receiver, second).size() == 1);
            assertThat(about(receiver, first)).as("attempts of the first event").hasSize(1);
            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200)
                    .body("status.lastSuccessAt", org.hamcrest.Matchers.notNullValue())
                    .body("status.lastFailure", org.hamcrest.Matchers.nullValue()));
        }
    }

    @Test
    void aHangingReceiverHoldsBackOnlyItsOwnSubscription() {
        String word = word();
        try (Receiver stuck = new Receiver().answering(number -> Receiver.Reply.hanging());
                Receiver healthy = new Receiver()) {
            subscribe(stuck, word);
            subscribe(healthy, word);
            String id = post("Market Hall Restored " + word, "The " + word + " hall reopens.");

            await().atMost(WAIT).until(() -> about(healthy, id).size() == 1);
            authorized().get("/articles/" + id).then().statusCode(200);
        }
    }

    private List<ConsumerRecord<String, String>> deadLetters(String subscriptionId) {
        return TopicContents.read(bootstrapServers, "newsfeed.push.dlq").stream()
                .filter(record -> subscriptionId.equals(record.key())).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
