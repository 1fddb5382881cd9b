package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Article;
import dev.newsfeed.kafka.KafkaBrokerResource;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The broker goes away and comes back while the service runs: the feed stays readable, writes are refused at once
 * with 503 and Retry-After (the probe knows Kafka is away, so nothing reaches a producer), a file dropped meanwhile
 * waits, and once Kafka is back every article is in the feed exactly once. A write that reaches a broker which then
 * stops answering, past the publish timeout, is {@link PausedBrokerTest}.
 */
@QuarkusTest
class KafkaOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    FeedView view;

    @Inject
    SourceLedger ledger;

    @Inject
    SuiteTopics topics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/group/kafka", management = true)
    URL kafkaHealth;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @Test
    void brokerKnownAwayRefusesWritesAtOnceKeepsTheFeedAndPublishesTheFolderOnceWhenBack() throws Exception {
        await().atMost(WAIT).until(() -> given().get(ready).statusCode() == 200);
        String name = "outage-" + UUID.randomUUID();
        Map<String, Object> submission = Map.of("title", "Written during the outage " + name,
                "body", List.of("It must not be lost."), "source", name);

        KafkaBrokerResource.interruptBroker();
        try {
            await().atMost(WAIT).untilAsserted(() -> given().get(kafkaHealth)
                    .then().statusCode(503).body("status", equalTo("DOWN")));
            given().get(ready).then().statusCode(200);
            given().get("/feed").then().statusCode(200);

            // Refused at once while Kafka is known to be away: the detail is the probe's finding, not the
            // publish timeout's (a clock-free check of the shortcut; PausedBrokerTest covers the timeout).
            given().auth().oauth2("test-token").contentType("application/json").body(submission).post("/articles")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("Kafka does not answer"));

            Files.writeString(folder.resolve(name + ".txt"), Fixtures.article("canonical.txt"));
            await().atMost(WAIT).until(() -> ledger.get("file:" + name + ".txt") != null
                    && ledger.get("file:" + name + ".txt").state() == SourceLedger.State.PENDING);
        } finally {
            KafkaBrokerResource.restoreBroker();
        }

        await().atMost(WAIT).until(() -> view.find(name).isPresent());
        // A client retries after Retry-After; by then the probe has seen Kafka back.
        await().atMost(WAIT).until(() -> given().get(kafkaHealth).statusCode() == 200);
        String postedId = given().auth().oauth2("test-token").contentType("application/json").body(submission)
                .post("/articles").then().statusCode(anyOf(equalTo(200), equalTo(201)))
                .extract().path("id");
        await().atMost(WAIT).until(() -> view.find(postedId).isPresent());

        List<Article> feed = view.page(100).items();
        assertThat(feed).filteredOn(article -> article.id().equals(name)).hasSize(1);
        assertThat(feed).filteredOn(article -> article.id().equals(postedId)).hasSize(1);
        // The view keys by id and can never show a duplicate: the topic can. Each was written exactly once,
        // whatever the producer's buffer, the folder's retries and the client's resend did meanwhile.
        assertThat(topics.articleRecords(name)).as("records of the file written during the outage").hasSize(1);
        assertThat(topics.articleRecords(postedId)).as("records of the resent submission").hasSize(1);
        assertThat(ledger.get("file:" + name + ".txt").state()).isEqualTo(SourceLedger.State.PUBLISHED);

        // The retractions producer, idle through the outage, writes again too: its first write may still find the
        // topic missing from its metadata (a 503 that asks for a retry); a retry within the wait goes through.
        // Without this, the next test of this Quarkus start could meet that first 503 (it once did).
        await().atMost(WAIT).until(() -> given().auth().oauth2("test-token").delete("/articles/" + postedId)
                .statusCode() == 204);
        await().atMost(WAIT).until(() -> view.find(postedId).isEmpty());
    }
}
