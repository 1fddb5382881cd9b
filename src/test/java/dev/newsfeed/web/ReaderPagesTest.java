package dev.newsfeed.web;

import static dev.newsfeed.Writes.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The reader's pages as HTML over HTTP, without a browser: content, escaping, statuses, headers, caching. */
@QuarkusTest
class ReaderPagesTest {

    static final String SEED_TITLE = "Zelensky Invites Putin for Direct Talks Amid Trump’s Calls for Immediate"
            + " Negotiation";
    static final String SEED_ID = "000_22b61c6839899886";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void listIsAnHtmlPageWithTheSeedArticle() {
        // Filtered, so that articles other tests publish meanwhile do not push the seed to an older page.
        String html = given().accept("text/html").queryParam("q", "zelensky istanbul").get("/").then()
                .statusCode(200).contentType("text/html").extract().asString();

        assertThat(html).contains(SEED_TITLE, "href=\"/read/" + SEED_ID + "\"", "min read", "<time datetime=\"");
        assertThat(html).contains("data-stream=\"/feed/stream?fields=summary&amp;since=")
                .contains("&amp;q=zelensky+istanbul\"");
    }

    @Test
    void articlePageShowsTheWholeBody() {
        given().get("/read/" + SEED_ID).then().statusCode(200).contentType("text/html")
                .body(org.hamcrest.Matchers.containsString("<h1>" + SEED_TITLE + "</h1>"))
                .body(org.hamcrest.Matchers.containsString("In this politically charged environment"));
    }

    @Test
    void everyReaderResponseCarriesTheStrictPolicyAndTheApiDoesNot() {
        for (String path : List.of("/", "/?q=nothing-matches-this", "/read/" + SEED_ID, "/read/no-such-article",
                "/?cursor=not-a-cursor", "/reader/app.js", "/reader/style.css", "/reader/icon.svg")) {
            Response response = given().get(path);
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none';"
                            + " require-trusted-types-for 'script'");
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        }
        assertThat(given().get("/feed").header("Content-Security-Policy")).isNull();
    }

    @Test
    void pagesHoldNoInlineScriptOrStyle() {
        String html = given().get("/").then().statusCode(200).extract().asString();

        assertThat(html).doesNotContain("<style", "style=").containsOnlyOnce("<script");
        assertThat(html).doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=");
        assertThat(html).contains("<script src=\"/reader/app.js\" defer></script>");
    }

    @Test
    void hostileTextIsEscapedOnTheListAndTheArticlePage() {
        String word = "hostile" + UUID.randomUUID().toString().replace("-", "");
        String title = "</title><script>alert('t')</script> {{page.q}} {#for x in y}{x}{/for} " + word;
        String id = authorized().contentType("application/json").body(Map.of("title", title,
                "summary", "<img src=x onerror=alert(1)>", "body",
                List.of("<a href=\"javascript:alert(2)\">click</a> {#include reader/base /}")))
                .post("/articles").then().statusCode(201).extract().<String>path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/read/" + id).then().statusCode(200));

        for (String html : List.of(given().get("/read/" + id).asString(),
                given().queryParam("q", word).get("/").asString())) {
            assertThat(html).contains("&lt;/title&gt;&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"
                    + " {{page.q}} {#for x in y}{x}{/for} " + word);
            assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
            assertThat(html).doesNotContain("<script>alert", "<img src=x", "href=\"javascript:");
            assertThat(html).containsOnlyOnce("<title>").containsOnlyOnce("</title>");
        }
        assertThat(given().get("/read/" + id).asString())
                .contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;click&lt;/a&gt; {#include reader/base /}");
    }

    @Test
    void retractedArticleIsAGonePage() {
        String id = Writes.post("Reader retraction " + UUID.randomUUID(), "Soon gone.");
        await().atMost(WAIT).untilAsserted(() -> given().get("/read/" + id).then().statusCode(200));

        authorized().delete("/articles/" + id).then().statusCode(204);

        await().atMost(WAIT).untilAsserted(() -> given().get("/read/" + id).then().statusCode(410)
                .contentType("text/html").body(org.hamcrest.Matchers.containsString("retracted")));
    }

    @Test
    void unknownArticleIsANotFoundPage() {
        given().get("/read/no-such-" + UUID.randomUUID()).then().statusCode(404).contentType("text/html")
                .body(org.hamcrest.Matchers.containsString("No such article"));
    }

    @Test
    void badSearchOrCursorIsAnHtmlPageNotProblemJson() {
        given().queryParam("q", "x".repeat(501)).get("/").then().statusCode(400).contentType("text/html")
                .body(org.hamcrest.Matchers.containsString("q may be at most 500 characters long"));
        given().queryParam("cursor", "not-a-cursor").get("/").then().statusCode(400).contentType("text/html");
    }

    @Test
    void unchangedListAnswersAConditionalGetWith304() {
        String etag = given().queryParam("q", SEED_ID.substring(0, 3)).get("/").then().statusCode(200)
                .header("Cache-Control", "no-cache").extract().header("ETag");
        assertThat(etag).isNotBlank();

        given().queryParam("q", SEED_ID.substring(0, 3)).header("If-None-Match", etag).get("/").then()
                .statusCode(304);
        given().header("If-None-Match", etag).get("/read/" + SEED_ID).then().statusCode(200);
    }

    @Test
    void olderLinkFollowsTheCursorAndKeepsTheSearch() {
        String word = "paging" + UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i <= ReaderResource.PAGE_SIZE; i++) {
            Writes.post("Reader paging " + i + " " + word, "One of twenty-one.");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(given().queryParam("q", word).queryParam("limit", 100)
                .get("/feed").<Integer>path("items.size()")).isEqualTo(ReaderResource.PAGE_SIZE + 1));

        String first = given().queryParam("q", word).get("/").asString();
        Matcher older = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">").matcher(first);
        assertThat(older.find()).as("an older link").isTrue();
        String href = older.group(1).replace("&amp;", "&");
        assertThat(href).startsWith("/?q=" + word + "&cursor=");
        assertThat(first).contains("Reader paging " + ReaderResource.PAGE_SIZE + " " + word)
                .doesNotContain("Reader paging 0 " + word + "<");

        String second = given().urlEncodingEnabled(false).get(href).asString();
        assertThat(second).contains("Reader paging 0 " + word).doesNotContain("rel=\"next\"")
                .doesNotContain("data-stream=");
    }
}
