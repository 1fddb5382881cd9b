package dev.newsfeed.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.newsfeed.Writes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The REST contract, as a client sees it; {@link FeedResourceIT} runs it against the packaged jar. */
@QuarkusTest
class FeedResourceTest {

    static final String SEED_ID = "000_22b61c6839899886";

    /** Other tests publish newer articles, so the seed is looked for by its source, not on the first page. */
    static final String SEED_SOURCE = "file:" + SEED_ID;

    /** Health and metrics are served on the management interface, not on the API's port. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/group/kafka", management = true)
    URL kafkaHealth;

    /** Where a management endpoint answers; the packaged jar's tests give its port themselves. */
    String management(URL injected, String path) {
        return injected.toString();
    }

    @BeforeEach
    void seedIsInTheFeed() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("source", SEED_SOURCE)
                .get("/feed").then().statusCode(200).body("items.id", hasItem(SEED_ID)));
    }

    @Test
    void feedPageHoldsArticlesAndTheNextCursor() {
        given().get("/feed?limit=1")
                .then().statusCode(200).contentType("application/json")
                .body("items", hasSize(1))
                .body("items[0].title", notNullValue())
                .body("$", hasKey("next"));
    }

    @Test
    void followingNextCursorsReachesTheSeedAndVisitsNoArticleTwice() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/feed").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);

        assertThat(seen).contains(SEED_ID).doesNotHaveDuplicates();
    }

    @Test
    void pageWithANextPageLinksToItInTheHeader() {
        // Two articles at least, so that a page of one always has a next page.
        Writes.post("A second page for the Link header " + UUID.randomUUID(), "One paragraph.");
        io.restassured.response.Response page = given().get("/feed?limit=1");
        String next = page.then().statusCode(200).extract().jsonPath().getString("next");

        assertThat(next).isNotNull();
        assertThat(page.header("Link"))
                .isEqualTo("<http://localhost:8080/feed?limit=1&cursor=" + next + ">; rel=\"next\"");
    }

    @Test
    void lastPageHasNoLinkHeader() {
        io.restassured.response.Response page = given().queryParam("source", SEED_SOURCE).get("/feed?limit=100");

        assertThat(page.then().statusCode(200).extract().jsonPath().getString("next")).isNull();
        assertThat(page.header("Link")).isNull();
    }

    @Test
    void filtersSelectByWordsSourceAndPublicationTime() {
        given().queryParam("q", "ZELÉNSKY istanbul").get("/feed")
                .then().statusCode(200).body("items.id", hasItem(SEED_ID));
        given().queryParam("q", "zelensky nowhere-to-be-found").get("/feed")
                .then().statusCode(200).body("items", hasSize(0)).body("next", nullValue());
        given().queryParam("source", "file:000_").get("/feed").then().statusCode(200).body("items.id", hasItem(SEED_ID));
        given().queryParam("from", "2999-01-01T00:00:00Z").get("/feed").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("to", "2999-01-01T00:00:00Z").queryParam("source", SEED_SOURCE).get("/feed.json")
                .then().statusCode(200).body("items.id", hasItem("http://localhost:8080/articles/" + SEED_ID));
        given().queryParam("tag", "vladimir-putin").queryParam("source", SEED_SOURCE).get("/feed").then()
                .statusCode(200).body("items.id", hasItem(SEED_ID));
        given().queryParam("tag", "no-such-tag").get("/feed").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("from", "yesterday").get("/feed")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("from"));
    }

    @Test
    void tagsAreListedWithTheirCounts() {
        given().get("/tags").then().statusCode(200)
                .body("find { it.tag == 'vladimir-putin' }.count", greaterThanOrEqualTo(1))
                .body("tag", hasItem("istanbul"));
        given().get("/articles/" + SEED_ID).then().statusCode(200)
                .body("tags", hasItem("donald-trump")).body("readingMinutes", equalTo(1))
                .body("slug", startsWith("zelensky-invites-putin"));
    }

    @Test
    void articleIsServedById() {
        given().get("/articles/" + SEED_ID)
                .then().statusCode(200)
                .body("id", equalTo(SEED_ID))
                .body("title", containsString("Zelensky Invites Putin"));
    }

    @Test
    void unknownArticleIsNotFoundProblem() {
        given().get("/articles/no-such-article")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Article not found"))
                .body("detail", containsString("no-such-article"));
    }

    @ParameterizedTest(name = "limit={0} is refused")
    @ValueSource(strings = { "0", "101", "-1", "ten", "99999999999" })
    void limitOutOfRangeIsBadRequestProblem(String limit) {
        given().queryParam("limit", limit).get("/feed")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("limit"));
    }

    @Test
    void emptyCursorMeansTheFirstPage() {
        given().queryParam("cursor", "").queryParam("source", SEED_SOURCE).get("/feed").then().statusCode(200)
                .body("items.id", hasItem(SEED_ID));
    }

    @Test
    void cursorNotIssuedByTheFeedIsBadRequestProblem() {
        given().queryParam("cursor", "made-up").get("/feed")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid cursor"))
                .body("detail", containsString("made-up"));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        given().get("/no-such-path")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().delete("/feed")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
    }

    @Test
    void unchangedFeedAnswersNotModifiedToItsETagAndDate() {
        // A page's ETag covers its changes token, stamped to the hour: both requests must fall in one hour.
        awayFromTheTopOfTheHour();
        io.restassured.response.Response first = given().get("/feed?limit=5");
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");

        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(first.header("Cache-Control")).contains("max-age=5");
        assertThat(first.header("Vary")).contains("Accept").contains("Accept-Encoding");
        given().header("If-None-Match", etag).get("/feed?limit=5")
                .then().statusCode(304).header("ETag", etag).body(emptyString());
        given().header("If-Modified-Since", lastModified).get("/feed?limit=5").then().statusCode(304);
        given().header("If-None-Match", "\"something-else\"").get("/feed?limit=5").then().statusCode(200);
        assertThat(given().get("/feed?limit=4").header("ETag")).as("another page, another tag").isNotEqualTo(etag);
    }

    /**
     * Waits, when the hour is about to turn, until it has: the feed's ETags change with the hour. Ten seconds are
     * many times what the test's five requests take, and a suite that met the hour waited 18 s with thirty.
     */
    static void awayFromTheTopOfTheHour() {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Instant now = Instant.now();
            return Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))
                    .compareTo(Duration.ofSeconds(10)) > 0;
        });
    }

    @Test
    void articleAnswersNotModifiedToItsETag() {
        String etag = given().get("/articles/" + SEED_ID).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag).get("/articles/" + SEED_ID).then().statusCode(304);
    }

    @Test
    void feedIsCompressedWhenAskedAndReadableFromOtherOrigins() {
        given().header("Accept-Encoding", "gzip").get("/feed")
                .then().statusCode(200).header("Content-Encoding", "gzip");
        given().header("Origin", "https://reader.example").get("/feed")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://reader.example");
    }

    @Test
    void unacceptableMediaTypeIsAProblem() {
        given().accept("application/xml").get("/feed")
                .then().statusCode(406).contentType("application/problem+json").body("status", equalTo(406));
    }

    @Test
    void readinessIsUpOnceTheViewCaughtUp() {
        given().get(management(ready, "/q/health/ready"))
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'feed' }.data.caughtUp", equalTo(true));
    }

    @Test
    void kafkaHealthGroupReportsTheBrokerAndTheTopic() {
        given().get(management(kafkaHealth, "/q/health/group/kafka"))
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.data.topicState", equalTo("READY"))
                .body("checks.find { it.name == 'kafka' }.data.brokers", equalTo(1));
    }

    @Test
    void changesFromTheBeginningHoldTheSeedAndItsNextTokenMovesPastIt() {
        JsonPath changes = given().queryParam("since", "0").queryParam("source", SEED_SOURCE).get("/feed")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(changes.getList("changes.id")).contains(SEED_ID);
        assertThat(changes.getString("changes.find { it.id == '" + SEED_ID + "' }.type")).isIn("published", "updated");

        given().queryParam("since", changes.getString("next")).queryParam("source", SEED_SOURCE).get("/feed")
                .then().statusCode(200).body("changes.id", not(hasItem(SEED_ID)));
    }

    @Test
    void streamReplaysTheSeedToAClientStartingFromTheBeginning() throws Exception {
        URI stream = URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/feed/stream?since=0&source=" + SEED_SOURCE);
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            String data = CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith("data:")).findFirst()
                    .orElseThrow()).get(20, TimeUnit.SECONDS);
            assertThat(data).contains("\"id\":\"" + SEED_ID + "\"");
        }
    }

}
