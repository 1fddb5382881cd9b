package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Writes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A broker that answers, but later than {@code newsfeed.ingest.publish-timeout}: the client hears 503 with
 * Retry-After (the README's promise, apart from the known-down shortcut), and the write is not cancelled by
 * the timeout (issue 9, finding 14): Kafka's acknowledgement still reaches the ledger and the feed.
 */
@QuarkusTest
@TestProfile(PublishTimeoutTest.ImpatientClient.class)
class PublishTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** No broker acknowledges within a millisecond a record its producer holds back for 50 ms. */
    public static class ImpatientClient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.ingest.publish-timeout", "1ms", "newsfeed.ingest.folder-enabled", "false",
                    "mp.messaging.outgoing.articles-out.linger.ms", "50");
        }
    }

    @Inject
    SourceLedger ledger;

    @Inject
    FeedView view;

    @Test
    void writeNotAcknowledgedInTimeIs503AndStillReachesTheLedgerAndTheFeed() {
        await().atMost(WAIT).until(() -> Writes.authorized().get("/ingest/status").statusCode() == 200
                && given().get("/feed").statusCode() == 200);
        String reference = "slow-ack-" + UUID.randomUUID();
        Map<String, Object> submission = Map.of("title", "Acknowledged after the client stopped waiting",
                "body", List.of("One paragraph."), "source", reference);

        Writes.authorized().contentType("application/json").body(submission).post("/articles")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("status", equalTo(503)).body("detail", containsString("did not acknowledge the article in time"));

        await().atMost(WAIT).until(() -> ledger.get("http:" + reference) != null
                && ledger.get("http:" + reference).state() == SourceLedger.State.PUBLISHED);
        String id = HttpIds.forReference(reference);
        await().atMost(WAIT).until(() -> view.find(id).isPresent());
    }
}
