package dev.newsfeed.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 9, finding 5: answers to requests over the size limits are problem+json too, and the README's 413 for a
 * body sent without a length (chunked).
 */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/articles")
    URL articles;

    @Test
    void requestTargetOverTheLimitIs414WithAProblemBody() {
        given().get("/feed?q=" + "a".repeat(5_000))
                .then().statusCode(414).contentType("application/problem+json").body("status", equalTo(414))
                .body("detail", containsString("newsfeed.http.max-uri-length"));
    }

    @Test
    void headersOverTheLimitAre431WithAProblemBody() {
        given().header("X-Padding", "b".repeat(30_000)).get("/feed")
                .then().statusCode(431).contentType("application/problem+json").body("status", equalTo(431));
    }

    @Test
    void chunkedBodyOverTheArticleLimitIs413WithAProblemBody() throws Exception {
        // No Content-Length: the body is only measured as it arrives, by the resource.
        HttpRequest request = HttpRequest.newBuilder(URI.create(articles.toString()))
                .header("Authorization", "Bearer test-token").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[600 * 1024])))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("524288");
    }

    @Test
    void chunkedBodyOverQuarkusOwnCeilingIs413WithAProblemBodyAndClosesTheConnection() throws Exception {
        // Over quarkus.http.limits.max-body-size (2M), where Quarkus would answer an empty 413 and log two traces.
        HttpRequest request = HttpRequest.newBuilder(URI.create(articles.toString()))
                .header("Authorization", "Bearer test-token").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[3 * 1024 * 1024])))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        assertThat(response.body()).contains("newsfeed.ingest.max-bytes");
    }
}
