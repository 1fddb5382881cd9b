package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.kafka.SuiteTopics;
import dev.newsfeed.view.FeedView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issues 19 and 20: a write Kafka acknowledged but this instance's view does not show within
 * {@code newsfeed.ingest.visible-timeout} is a 202, and while the view lags only this instance's own writes, a write
 * of another id need not wait for them. Each test holds the view back, so each such write waits the whole timeout:
 * one second in {@link PausableBrokerProfile} (five in the suite's default profile, where {@link ReadYourWritesTest}
 * reads its writes back).
 */
@QuarkusTest
@TestProfile(PausableBrokerProfile.class)
class ViewBehindWritesTest {

    @Inject
    SuiteTopics topics;

    @Inject
    FeedView view;

    @Inject
    ViewSync sync;

    /** Writes are decided on a view that has caught up: the first test of a Quarkus start must not race its start. */
    @BeforeEach
    void viewReady() {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/feed").statusCode() == 200);
    }

    @Test
    void writeTheViewDoesNotShowInTimeIsA202WithItsLocationAndIsShownOnceTheViewMovesOn() {
        // Issue 19: Kafka acknowledged it, so it is not a 503; this instance does not show it yet, so it is not a 201.
        Map<String, Object> article = Map.of("title", "Accepted " + UUID.randomUUID(), "body", List.of("Soon."));
        String location;
        String id;
        // The view applies batches under its own lock: holding it keeps this instance's view from showing the record.
        synchronized (view) {
            var answer = Writes.authorized().contentType("application/json").body(article).post("/articles")
                    .then().statusCode(202).header("Location", notNullValue()).extract();
            location = answer.header("Location");
            id = answer.path("id");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(URI.create(location).getPath()).then()
                .statusCode(200)
                .body("id", equalTo(id)));
        Writes.authorized().contentType("application/json").body(article).post("/articles")
                .then().statusCode(200).body("id", equalTo(id));
        assertThat(topics.articleRecords(id)).hasSize(1);
    }

    @Test
    void whileTheViewLagsOnlyThisInstancesOwnWritesAWriteOfAnotherIdIsAcceptedAndAnEditOfTheSameIdWaits() {
        // Issue 20: a write need not wait for the view to apply this instance's own acknowledged records of other ids;
        // it must still wait for any record of its own id, or it would decide on an old state of that article.
        Map<String, Object> first = Map.of("title", "Own first " + UUID.randomUUID(), "body", List.of("One."));
        Map<String, Object> other = Map.of("title", "Own other " + UUID.randomUUID(), "body", List.of("Two."));
        // What other tests wrote is applied first: the view lags only by what this test writes.
        sync.caughtUp().await().atMost(Duration.ofSeconds(10));
        String firstId;
        CompletableFuture<Integer> otherStatus;
        CompletableFuture<Integer> editStatus;
        synchronized (view) {
            firstId = Writes.authorized().contentType("application/json").body(first).post("/articles")
                    .then().statusCode(202).extract().path("id");
            String edited = firstId;
            otherStatus = CompletableFuture.supplyAsync(() -> Writes.authorized().contentType("application/json")
                    .body(other).post("/articles").statusCode());
            editStatus = CompletableFuture.supplyAsync(() -> Writes.authorized().contentType("application/json")
                    .body(Map.of("title", "Own first, edited", "body", List.of("One, edited."))).put("/articles/" + edited)
                    .statusCode());
            assertThat(otherStatus.join()).as("decided without the view, acknowledged, not shown yet").isEqualTo(202);
            assertThat(editStatus.join()).as("the view lacks a record of this very id").isEqualTo(503);
        }

        String shown = firstId;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/articles/" + shown).then()
                .statusCode(200).body("title", equalTo(first.get("title"))));
        assertThat(topics.articleRecords(firstId)).as("the refused edit wrote nothing").hasSize(1);
    }
}
