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

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.kafka.SuiteTopics;
import dev.newsfeed.view.FeedView;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 8, item 6: a write answers once this instance's view has applied it, so it reads back at once. */
@QuarkusTest
class ReadYourWritesTest {

    @Inject
    SuiteTopics topics;

    @Inject
    FeedView view;

    @Inject
    ViewSync sync;

    @Test
    void articleIsServedRightAfterItsCreatedAnswerEveryTime() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> article = Map.of("title", "Read back " + i + " " + run, "body", List.of("Body " + i + "."));
            String location = Writes.authorized().contentType("application/json").body(article).post("/articles")
                    .then().statusCode(201).extract().header("Location");

            // The Location is public (newsfeed.public-base-url); the test's instance listens on a port of its own.
            given().get(URI.create(location).getPath()).then().statusCode(200)
                    .body("title", equalTo("Read back " + i + " " + run));
        }
    }

    @Test
    void feedPageAskedForAgainAfterAWriteShowsIt() {
        for (int i = 0; i < 10; i++) {
            String before = given().get("/feed?limit=1").then().statusCode(200).extract().asString();
            assertThat(given().get("/feed?limit=1").then().statusCode(200).extract().asString())
                    .as("the same page while nothing changed").isEqualTo(before);

            String id = Writes.post("Tops the feed " + i + " " + UUID.randomUUID(), "At once.");

            given().get("/feed?limit=1").then().statusCode(200).body("items[0].id", equalTo(id));
        }
    }

    @Test
    void immediateIdenticalResendIsA200ThatWritesNothing() {
        Map<String, Object> article = Map.of("title", "Sent twice " + UUID.randomUUID(), "body", List.of("Once."));
        String id = Writes.authorized().contentType("application/json").body(article).post("/articles")
                .then().statusCode(201).extract().path("id");

        Writes.authorized().contentType("application/json").body(article).post("/articles")
                .then().statusCode(200).body("id", equalTo(id));

        // Counted by id, not by the topic's end: other writers may write in between.
        assertThat(topics.articleRecords(id)).as("one record of the article, no second").hasSize(1);
    }

    @Test
    void retractedArticleIsGoneRightAfterTheDeleteAnswer() {
        String id = Writes.post("Retracted at once " + UUID.randomUUID(), "Soon gone.");

        Writes.authorized().delete("/articles/" + id).then().statusCode(204);

        given().get("/articles/" + id).then().statusCode(410);
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
