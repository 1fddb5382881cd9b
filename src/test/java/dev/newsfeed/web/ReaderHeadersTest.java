package dev.newsfeed.web;

import static dev.newsfeed.Writes.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.http.RawRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 22, findings 1, 4 and 8: every HTML answer carries the reader's headers, whatever path reached it, and
 * targets Vert.x or newsfeed refuse before any resource runs are answered as the rest of the service answers.
 */
@QuarkusTest
class ReaderHeadersTest {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'";

    @TestHTTPResource("/")
    URL server;

    @Test
    void pathParametersOnReaderPathsAreRefusedWithTheHtmlErrorPageAndItsHeaders() throws IOException {
        for (String target : List.of("/;?q=x", "/;x=y", "/read;x/" + ReaderPagesTest.SEED_ID,
                "/read/" + ReaderPagesTest.SEED_ID + ";x=y", "/read;x/no-such-article")) {
            RawRequest answer = RawRequest.get(server, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(target).startsWith("text/html");
            assertThat(answer.body()).as(target).contains("path parameters").doesNotContain("<h1>Zelensky");
            assertReaderHeaders(answer, target);
        }
    }

    @Test
    void malformedTargetsOnReaderPathsGetTheHtmlErrorPageWithItsHeaders() throws IOException {
        for (String target : List.of("/?q=%zz", "/read/%zz", "/read/x%2")) {
            RawRequest answer = RawRequest.get(server, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(target).startsWith("text/html");
            assertThat(answer.body()).as(target).contains("could not be read");
            assertReaderHeaders(answer, target);
        }
    }

    @Test
    void malformedTargetsOnTheApiGetAProblem() throws IOException {
        for (String target : List.of("/feed?cursor=%%%", "//", "/articles/%zz", "/feed?q=%")) {
            RawRequest answer = RawRequest.get(server, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(target).isEqualTo("application/problem+json");
            assertThat(answer.body()).as(target).contains("\"status\":400").contains("could not be read");
        }
    }

    @Test
    void requestWithoutHostGetsAProblemNotAnEmptyAnswer() throws IOException {
        RawRequest answer = RawRequest.written(server, "GET /feed HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("Host header");
    }

    @Test
    void pathParametersOnTheApiAreRefusedAndRetractNothing() throws IOException {
        String id = Writes.post("Path parameters " + System.nanoTime(), "Stays published.");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/articles/" + id).then().statusCode(200));

        RawRequest delete = RawRequest.send(server, "DELETE", "/articles/" + id + ";x=y",
                "Authorization: Bearer test-token\r\n");
        RawRequest feed = RawRequest.get(server, "/feed;x=y");

        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(delete.body()).contains("path parameters");
        assertThat(feed.status()).isEqualTo(400);
        given().get("/articles/" + id).then().statusCode(200);
        authorized().delete("/articles/" + id).then().statusCode(204);
    }

    @Test
    void everyHtmlAnswerSaysItMayNotBeFramed() {
        for (String path : List.of("/", "/read/" + ReaderPagesTest.SEED_ID, "/read/no-such-article",
                "/?cursor=not-a-cursor")) {
            assertThat(given().get(path).header("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
    }

    @Test
    void swaggerUiMayNotBeFramedOrSniffed() {
        io.restassured.response.Response page = given().get("/q/swagger-ui/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    private static void assertReaderHeaders(RawRequest answer, String target) {
        assertThat(answer.header("Content-Security-Policy")).as(target).isEqualTo(POLICY);
        assertThat(answer.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).as(target).isEqualTo("no-referrer");
        assertThat(answer.header("X-Frame-Options")).as(target).isEqualTo("DENY");
    }
}
