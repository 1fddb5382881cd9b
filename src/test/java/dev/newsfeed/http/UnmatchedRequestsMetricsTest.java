package dev.newsfeed.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 22, finding 3: answers no route matched are labelled with one fixed uri, so that junk paths cannot use
 * up Micrometer's uri labels and leave routes asked for later without a series.
 */
@QuarkusTest
class UnmatchedRequestsMetricsTest {

    /** More than Micrometer's 100 uri labels (quarkus.micrometer.binder.http-server.max-uri-tags). */
    private static final int JUNK = 120;

    @TestHTTPResource("/")
    URL server;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void junkPathsAreLabelledUnknownAndLaterRoutesStillGetTheirSeries() throws IOException {
        for (int i = 0; i < JUNK; i++) {
            // 405: the path matches /read/{id}, the method does not; 400: not a URI.
            given().delete("/read/junk-" + i).then().statusCode(405);
            assertThat(RawRequest.get(server, "/junk-" + i + "/%zz").status()).isEqualTo(400);
        }
        given().accept("image/png").get("/feed.json").then().statusCode(406);

        given().get("/feed.atom").then().statusCode(200);

        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(scraped).doesNotContain("junk-")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"405\"[^}]*uri=\"UNKNOWN\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\"[^}]*uri=\"UNKNOWN\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*uri=\"/feed.atom\"");
    }
}
