package dev.newsfeed.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import io.quarkus.test.junit.QuarkusTest;

/** What feed readers get: each format parsed back by a real parser and checked against its spec's musts. */
@QuarkusTest
class FeedFormatsTest {

    private static final String SEED_URL = "http://localhost:8080/articles/" + FeedResourceTest.SEED_ID;
    private static final String SEED_PAGE = "http://localhost:8080/read/" + FeedResourceTest.SEED_ID;

    @BeforeEach
    void seedIsInTheFeed() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .queryParam("source", FeedResourceTest.SEED_SOURCE).get("/feed")
                .then().statusCode(200).body("items.id", hasItem(FeedResourceTest.SEED_ID)));
    }

    @Test
    void jsonFeedHasTheFieldsJsonFeed11Requires() throws Exception {
        String body = given().queryParam("source", FeedResourceTest.SEED_SOURCE).get("/feed.json").then()
                .statusCode(200)
                .contentType("application/feed+json").extract().asString();

        Map<String, Object> feed = new ObjectMapper().readValue(body, new TypeReference<>() {
        });
        assertThat(feed).containsEntry("version", "https://jsonfeed.org/version/1.1")
                .containsEntry("title", "newsfeed")
                .containsEntry("feed_url", "http://localhost:8080/feed.json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) feed.get("items");
        Map<String, Object> seed = items.stream().filter(item -> SEED_URL.equals(item.get("id"))).findFirst().orElseThrow();
        assertThat(feed).containsEntry("home_page_url", "http://localhost:8080/");
        assertThat(seed).containsEntry("url", SEED_PAGE)
                .containsKeys("title", "summary", "content_text", "date_published", "date_modified");
        assertThat((String) seed.get("content_text")).startsWith("Ukrainian President Volodymyr Zelensky");
    }

    @Test
    void atomFeedIsValidAtom10WithStableEntryIds() throws Exception {
        String xml = given().queryParam("source", FeedResourceTest.SEED_SOURCE).get("/feed.atom").then().statusCode(200)
                .contentType("application/atom+xml").extract().asString();

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("newsfeed");
        assertThat(feed.getUri()).isEqualTo("http://localhost:8080/feed.atom");
        assertThat(feed.getPublishedDate()).as("feed <updated>").isNotNull();
        SyndEntry seed = entry(feed);
        assertThat(seed.getTitle()).startsWith("Zelensky Invites Putin");
        assertThat(seed.getUpdatedDate()).isNotNull();
        assertThat(seed.getLink()).isEqualTo(SEED_PAGE);
        assertThat(xml).contains("<id>" + SEED_URL + "</id>").contains("rel=\"self\"");
    }

    @Test
    void rssFeedIsValidRss20() throws Exception {
        String xml = given().queryParam("source", FeedResourceTest.SEED_SOURCE).get("/feed.rss").then().statusCode(200)
                .contentType("application/rss+xml").extract().asString();

        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("newsfeed");
        assertThat(feed.getLink()).isEqualTo("http://localhost:8080/");
        assertThat(feed.getDescription()).isNotBlank();
        SyndEntry seed = entry(feed);
        assertThat(seed.getPublishedDate()).isNotNull();
        assertThat(seed.getLink()).isEqualTo(SEED_PAGE);
        assertThat(xml).containsPattern("<guid[^>]*>" + SEED_URL + "</guid>");
    }

    @Test
    void feedPathServesTheFormatTheClientAccepts() {
        given().accept("application/atom+xml").get("/feed").then().statusCode(200).contentType("application/atom+xml");
        given().accept("application/rss+xml").get("/feed").then().statusCode(200).contentType("application/rss+xml");
        given().accept("application/feed+json").get("/feed").then().statusCode(200).contentType("application/feed+json");
        given().accept("*/*").get("/feed").then().statusCode(200).contentType("application/json");
    }

    @Test
    void eachFormatHasItsOwnETag() {
        String json = given().get("/feed").header("ETag");
        String atom = given().get("/feed.atom").then().statusCode(200).extract().header("ETag");

        assertThat(atom).isNotEqualTo(json);
        given().header("If-None-Match", atom).get("/feed.atom").then().statusCode(304);
    }

    private static SyndEntry entry(SyndFeed feed) {
        return feed.getEntries().stream().filter(e -> SEED_URL.equals(e.getUri())).findFirst().orElseThrow();
    }
}
