package dev.newsfeed.feed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.newsfeed.ViewNeverCatchesUp;
import dev.newsfeed.kafka.WrongCredentialsProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An instance that cannot read the topic serves no half-built feed: every endpoint of the view answers 503. Here Kafka
 * refuses the service's login, the profile of {@code SaslScramRefusedTest} (one Quarkus start for both): the view
 * never reads a record, whatever the reason.
 */
@QuarkusTest
@TestProfile(WrongCredentialsProfile.class)
@ViewNeverCatchesUp
class FeedNotReadyTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void everyEndpointOfTheViewAnswers503WithRetryAfter() {
        for (String path : new String[] { "/feed", "/feed.json", "/feed.atom", "/feed.rss", "/feed?since=0", "/tags",
                "/articles/000_22b61c6839899886", "/feed/stream" }) {
            given().get(path).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", equalTo("2")).body("status", equalTo(503));
        }
        given().auth().oauth2("test-token").delete("/articles/000_22b61c6839899886").then().statusCode(503);
    }

    /** Issue 19: readiness DOWN, tested, with why; liveness UP, since a restart would not bring the broker. */
    @Test
    void readinessIsDownAndSaysWhyWhileLivenessStaysUp() {
        given().get(ready).then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'feed' }.data.caughtUp", equalTo(false))
                .body("checks.find { it.name == 'feed' }.data.lagRecords", equalTo(-1));
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void postAnswers503WithRetryAfterWhileTheViewCatchesUp() {
        // Published now, an article could be checked against a half-read view (its retraction not yet seen).
        given().auth().oauth2("test-token").contentType("application/json")
                .body(Map.of("title", "Sent during the replay", "body", List.of("One paragraph.")))
                .post("/articles")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("2")).body("title", equalTo("Feed not ready"));
    }
}
