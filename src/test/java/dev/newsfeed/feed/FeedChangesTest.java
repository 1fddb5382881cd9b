package dev.newsfeed.feed;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.follower.TopicViews;
import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** GET /feed?since=: what pollers get after a token, edits and retractions included, on the real broker. */
@QuarkusTest
class FeedChangesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;

    @Inject
    ObjectMapper json;

    @Test
    void sinceListsNewEditedAndRetractedArticlesOldestFirst() {
        String kept = post("Kept " + UUID.randomUUID(), "Body of it.");
        String edited = post("To edit " + UUID.randomUUID(), "Body of it.");
        String retracted = post("To retract " + UUID.randomUUID(), "Body of it.");
        String token = given().get("/feed?limit=1").then().statusCode(200).extract().path("changes");

        authorized().contentType("application/json").body(Map.of("title", "Edited", "body", List.of("New body.")))
                .put("/articles/" + edited).then().statusCode(200);
        authorized().delete("/articles/" + retracted).then().statusCode(204);
        String added = post("Added " + UUID.randomUUID(), "Body of it.");
        await().atMost(WAIT).until(() -> view.find(added).isPresent() && view.retraction(retracted).isPresent()
                && "Edited".equals(view.find(edited).orElseThrow().title()));

        JsonPath changes = given().queryParam("since", token).get("/feed").then().statusCode(200)
                .contentType("application/json").header("ETag", not(equalTo(null))).extract().jsonPath();

        assertThat(mine(changes, kept, edited, retracted, added))
                .containsExactly("updated " + edited, "retracted " + retracted, "published " + added);
        assertThat(changes.getString("changes.find { it.id == '" + edited + "' }.article.title"))
                .isEqualTo("Edited");
        assertThat(changes.getString("changes.find { it.id == '" + retracted + "' }.retraction.contentHash"))
                .isNotBlank();
        assertThat(changes.getBoolean("more")).isFalse();
        given().queryParam("since", changes.getString("next")).get("/feed").then().statusCode(200)
                .body("changes.id", not(hasItem(added))).body("changes.id", not(hasItem(edited)));
    }

    @Test
    void pagesOfChangesFollowTheirNextTokens() {
        String token = given().get("/feed?limit=1").then().statusCode(200).extract().path("changes");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posted.add(post("Paged " + i + " " + UUID.randomUUID(), "Body of it."));
        }
        await().atMost(WAIT).until(() -> posted.stream().allMatch(id -> view.find(id).isPresent()));

        List<String> seen = new ArrayList<>();
        boolean more = true;
        while (more) {
            JsonPath page = given().queryParam("since", token).queryParam("limit", 2).get("/feed").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(page.getList("changes")).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.getList("changes.id"));
            token = page.getString("next");
            more = page.getBoolean("more");
        }

        assertThat(seen).filteredOn(posted::contains).containsExactlyElementsOf(posted);
    }

    @Test
    void anotherViewOfTheTopicAnswersTheSameTokenWithTheSameChanges() throws Exception {
        String token = given().get("/feed?limit=1").then().statusCode(200).extract().path("changes");
        String id = post("Seen twice " + UUID.randomUUID(), "Body of it.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());

        FeedView other = TopicViews.readToTheEnd(topics.bootstrapServers(), topics.articlesTopic(),
                topics.retractionsTopic()).view();

        ChangeSequence since = ChangeSequence.decode(token);
        assertThat(other.changes(since, 100, FeedFilter.NONE).changes())
                .extracting(FeedChange::type, FeedChange::id, FeedChange::at)
                .containsExactlyElementsOf(view.changes(since, 100, FeedFilter.NONE).changes().stream()
                        .map(change -> tuple(change.type(), change.id(), change.at())).toList());
    }

    @Test
    void summaryFieldsLeaveTheBodyOut() {
        String token = given().get("/feed?limit=1").then().statusCode(200).extract().path("changes");
        String id = post("Lean " + UUID.randomUUID(), "Body of it.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());

        given().queryParam("since", token).queryParam("fields", "summary").get("/feed").then().statusCode(200)
                .body("changes.find { it.id == '" + id + "' }.article", not(hasKey("body")))
                .body("changes.find { it.id == '" + id + "' }.article.title", containsString("Lean"));
        given().queryParam("fields", "summary").get("/feed").then().statusCode(200)
                .body("items[0]", not(hasKey("body"))).body("items[0]", hasKey("title"));
        given().get("/feed").then().statusCode(200).body("items[0]", hasKey("body"));
    }

    @Test
    void sinceFromTheBeginningListsTheWholeFeed() {
        String id = post("From zero " + UUID.randomUUID(), "Body of it.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());

        List<String> seen = new ArrayList<>();
        String token = "0";
        boolean more = true;
        while (more) {
            JsonPath page = given().queryParam("since", token).queryParam("limit", 100).get("/feed").then()
                    .statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("changes.id"));
            token = page.getString("next");
            more = page.getBoolean("more");
        }

        assertThat(seen).contains(id, "000_22b61c6839899886").doesNotHaveDuplicates();
    }

    @Test
    void badSinceIsA400Problem() {
        given().queryParam("since", "not-a-token").get("/feed").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("since"));
        given().queryParam("since", "0").queryParam("cursor", "abc").get("/feed").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("since", "0").get("/feed.atom").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("fields", "everything").get("/feed").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void tokenOlderThanTheTopicProvesIsA410TellingToResync() {
        ChangeSequence current = ChangeSequence.decode(given().get("/feed?limit=1").then().extract().path("changes"));
        String old = new ChangeSequence(current.topicId(), Instant.now().minus(Duration.ofDays(8)),
                new TreeMap<>(current.next())).encode();
        String otherTopic = new ChangeSequence("another-topic", current.issuedAt(), new TreeMap<>(current.next()))
                .encode();

        given().queryParam("since", old).get("/feed").then().statusCode(410)
                .contentType("application/problem+json").body("status", equalTo(410))
                .body("detail", containsString("GET /feed"));
        given().queryParam("since", otherTopic).get("/feed").then().statusCode(410)
                .body("detail", containsString("created again"));
    }

    private static List<String> mine(JsonPath changes, String... ids) {
        List<String> wanted = List.of(ids);
        List<Map<String, Object>> all = changes.getList("changes");
        return all.stream().filter(change -> wanted.contains(change.get("id")))
                .map(change -> change.get("type") + " " + change.get("id")).toList();
    }
}
