package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 21, item 2: the hub against the scenarios of the websub.rocks hub tests (100 typical subscription, 101 with a
 * secret, 102 unknown parameters ignored, 103 re-subscribing before expiry, 104 unsubscribing, and distribution with
 * the topic's content type, Link headers and signature), a refused challenge, a lease that ends, and discovery.
 */
@QuarkusTest
class WebSubHubTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "http://localhost:8080";

    private final List<String> subscribed = new java.util.ArrayList<>();

    @AfterEach
    void unsubscribe() {
        subscribed.forEach(id -> authorized().delete("/webhooks/" + id));
    }

    /** A subscriber that confirms every verification by echoing its challenge, and takes every delivery. */
    private static Receiver subscriber() {
        return new Receiver().answeringBy(request -> request.method().equals("GET")
                ? new Receiver.Reply(200, request.parameter("hub.challenge"), Map.of(), false)
                : Receiver.Reply.status(204));
    }

    private static String word() {
        return "zq" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Response hub(Map<String, String> form) {
        return given().contentType("application/x-www-form-urlencoded").formParams(form).post("/hub");
    }

    /** Subscribes and waits for the hub to verify and keep the subscription; returns its id. */
    private String subscribeAndAwait(Receiver receiver, String topic, Map<String, String> extra) {
        Map<String, String> form = new java.util.HashMap<>(Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", receiver.url("/websub")));
        form.putAll(extra);
        hub(form).then().statusCode(202);
        String id = HubResource.id(topic, receiver.url("/websub"));
        subscribed.add(id);
        await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(200));
        return id;
    }

    private static List<Receiver.Request> posts(Receiver receiver, String text) {
        return receiver.requests().stream().filter(request -> request.method().equals("POST")
                && request.text().contains(text)).toList();
    }

    @Test
    void test100ATypicalSubscriptionIsVerifiedThenTheTopicsNewContentIsDelivered() {
        String word = word();
        String topic = BASE + "/feed.atom?q=" + word;
        try (Receiver receiver = subscriber()) {
            subscribeAndAwait(receiver, topic, Map.of());
            Receiver.Request verification = receiver.requests().get(0);
            assertThat(verification.method()).isEqualTo("GET");
            assertThat(verification.parameter("hub.mode")).isEqualTo("subscribe");
            assertThat(verification.parameter("hub.topic")).isEqualTo(topic);
            assertThat(verification.parameter("hub.lease_seconds")).isEqualTo(String.valueOf(Duration.ofDays(10)
                    .toSeconds()));

            post("Lighthouse Keeper Retires " + word, "The " + word + " light goes automatic.");

            await().atMost(WAIT).until(() -> posts(receiver, word).size() == 1);
            Receiver.Request delivery = posts(receiver, word).get(0);
            assertThat(delivery.header("content-type")).startsWith("application/atom+xml");
            assertThat(delivery.header("link")).contains("<" + BASE + "/hub>; rel=\"hub\"")
                    .contains("<" + topic + ">; rel=\"self\"");
            assertThat(delivery.header("x-hub-signature")).isNull();
            assertThat(delivery.text()).contains("<title>Lighthouse Keeper Retires " + word + "</title>");
        }
    }

    @Test
    void test101WithASecretEachDeliveryIsSignedWithXHubSignature() throws Exception {
        String word = word();
        String topic = BASE + "/feed.json?q=" + word;
        try (Receiver receiver = subscriber()) {
            subscribeAndAwait(receiver, topic, Map.of("hub.secret", "a subscriber's secret"));
            post("Orchard Harvest Early " + word, "The " + word + " apples came in August.");

            await().atMost(WAIT).until(() -> posts(receiver, word).size() == 1);
            Receiver.Request delivery = posts(receiver, word).get(0);
            assertThat(delivery.header("content-type")).startsWith("application/feed+json");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("a subscriber's secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(delivery.header("x-hub-signature"))
                    .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(delivery.body())));
        }
    }

    @Test
    void test102UnknownParametersAreIgnored() {
        try (Receiver receiver = subscriber()) {
            subscribeAndAwait(receiver, BASE + "/feed.rss?q=" + word(), Map.of("foo", "bar", "hub.unknown", "x"));
        }
    }

    @Test
    void test103SubscribingAgainBeforeExpiryRenewsTheOneSubscription() {
        String topic = BASE + "/feed.atom?q=" + word();
        try (Receiver receiver = subscriber()) {
            String id = subscribeAndAwait(receiver, topic, Map.of("hub.lease_seconds", "600"));
            String firstExpiry = authorized().get("/webhooks/" + id).then().extract().path("expiresAt");

            hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", receiver.url("/websub"),
                    "hub.lease_seconds", "3600")).then().statusCode(202);

            await().atMost(WAIT).untilAsserted(() -> assertThat(authorized().get("/webhooks/" + id).then()
                    .extract().<String>path("expiresAt")).isGreaterThan(firstExpiry));
            assertThat(authorized().get("/webhooks").then().extract().<List<String>>path("id"))
                    .containsOnlyOnce(id);
        }
    }

    @Test
    void test104UnsubscribingIsVerifiedAndEndsDeliveries() {
        String word = word();
        String topic = BASE + "/feed.atom?q=" + word;
        try (Receiver receiver = subscriber()) {
            String id = subscribeAndAwait(receiver, topic, Map.of());
            hub(Map.of("hub.mode", "unsubscribe", "hub.topic", topic, "hub.callback", receiver.url("/websub")))
                    .then().statusCode(202);

            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(404));
            assertThat(receiver.requests().get(1).parameter("hub.mode")).isEqualTo("unsubscribe");
            assertThat(receiver.requests().get(1).parameter("hub.lease_seconds")).isNull();
            String after = post("Pier Repainted " + word, "The " + word + " pier is blue now.");
            authorized().get("/articles/" + after).then().statusCode(200);
            assertThat(posts(receiver, word)).isEmpty();
        }
    }

    @Test
    void aSubscriberThatDoesNotEchoTheChallengeIsNotSubscribed() {
        String topic = BASE + "/feed.atom?q=" + word();
        try (Receiver refusing = new Receiver().answering(number -> Receiver.Reply.status(404));
                Receiver wrong = new Receiver().answeringBy(request -> new Receiver.Reply(200, "not it", Map.of(),
                        false))) {
            for (Receiver receiver : List.of(refusing, wrong)) {
                hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", receiver.url("/websub")))
                        .then().statusCode(202);
            }
            await().atMost(WAIT).until(() -> refusing.requests().size() == 1 && wrong.requests().size() == 1);
            for (Receiver receiver : List.of(refusing, wrong)) {
                authorized().get("/webhooks/" + HubResource.id(topic, receiver.url("/websub"))).then()
                        .statusCode(404);
            }
        }
    }

    @Test
    void aLeaseThatEndsEndsTheSubscription() {
        String word = word();
        try (Receiver receiver = subscriber()) {
            String id = subscribeAndAwait(receiver, BASE + "/feed.atom?q=" + word, Map.of("hub.lease_seconds", "1"));
            assertThat(receiver.requests().get(0).parameter("hub.lease_seconds")).isEqualTo("1");

            await().atMost(WAIT).untilAsserted(() -> authorized().get("/webhooks/" + id).then().statusCode(404));
            String after = post("Ferry Fares Frozen " + word, "The " + word + " fares stay.");
            authorized().get("/articles/" + after).then().statusCode(200);
            assertThat(posts(receiver, word)).isEmpty();
        }
    }

    @Test
    void aTopicThatIsNotOneOfTheFeedsIsRefused() {
        hub(Map.of("hub.mode", "subscribe", "hub.topic", "https://elsewhere.example/feed.atom",
                "hub.callback", "http://127.0.0.1:9/cb")).then().statusCode(400)
                .contentType("application/problem+json");
        hub(Map.of("hub.mode", "publish", "hub.topic", BASE + "/feed.atom", "hub.callback", "http://127.0.0.1:9/"))
                .then().statusCode(400);
    }

    @Test
    void eachFeedNamesTheHubAndItsOwnTopic() {
        String atom = given().queryParam("tag", "ukraine").get("/feed.atom").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.containsString("<" + BASE + "/hub>; rel=\"hub\""))
                .header("Link", org.hamcrest.Matchers.containsString("<" + BASE + "/feed.atom?tag=ukraine>;"
                        + " rel=\"self\""))
                .extract().asString();
        assertThat(atom).containsPattern("<link rel=\"hub\" href=\"" + BASE + "/hub\"\\s*/>")
                .contains("href=\"" + BASE + "/feed.atom?tag=ukraine\"");
        assertThat(given().get("/feed.rss").then().statusCode(200).extract().asString())
                .contains("rel=\"hub\"").contains(BASE + "/hub");
        given().get("/feed.json").then().statusCode(200)
                .body("hubs[0].type", org.hamcrest.Matchers.is("WebSub"))
                .body("hubs[0].url", org.hamcrest.Matchers.is(BASE + "/hub"))
                .body("feed_url", org.hamcrest.Matchers.is(BASE + "/feed.json"));
    }
}
