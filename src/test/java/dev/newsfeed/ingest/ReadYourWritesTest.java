package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 8, item 6: a write answers once this instance's view has applied it, so it reads back at once. What a write
 * answers when the view does not show it in time is {@link ViewBehindWritesTest}.
 */
@QuarkusTest
class ReadYourWritesTest {

    @Inject
    SuiteTopics topics;

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
}
