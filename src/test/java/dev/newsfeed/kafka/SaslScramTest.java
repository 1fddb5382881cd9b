package dev.newsfeed.kafka;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * On a cluster that requires SCRAM-SHA-512 logins, the credentials given as {@code kafka.*} settings reach every
 * client of the service: the admin client creates the topics and probes the cluster, the SmallRye channel publishes,
 * and the view's consumer reads the article back into the feed.
 */
@QuarkusTest
@TestProfile(SaslScramTest.RightCredentials.class)
class SaslScramTest {

    @TestHTTPResource(value = "/health/group/kafka", management = true)
    URL kafkaHealth;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The cluster's credentials, as {@code kafka.*} settings from {@link ScramBrokerResource}. */
    public static class RightCredentials extends OwnBrokerProfile {
        public RightCredentials() {
            super(ScramBrokerResource.class);
        }
    }

    @Test
    void everyClientLogsInWithTheConfiguredScramCredentialsAndAPostReachesTheFeed() {
        await().atMost(WAIT).untilAsserted(() -> given().get(kafkaHealth).then().statusCode(200)
                .body("checks[0].data.topicState", equalTo("READY")));
        await().atMost(WAIT).until(() -> given().get(ready).statusCode() == 200);

        String title = "Signed in with SCRAM " + UUID.randomUUID();
        String id = Writes.authorized().contentType("application/json")
                .body(Map.of("title", title, "body", List.of("Published through a SASL_PLAINTEXT listener.")))
                .post("/articles").then().statusCode(201).extract().path("id");

        given().get("/articles/" + id).then().statusCode(200).body("title", equalTo(title));
        given().get("/feed").then().statusCode(200).body("items.id", hasItem(id));
    }
}
