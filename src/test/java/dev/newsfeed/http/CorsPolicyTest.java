package dev.newsfeed.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 9, finding 8: any page may read the feed across origins; only the configured origins may write
 * ({@code newsfeed.http.cors-write-origins}, here {@value HttpHardeningProfile#WRITE_ORIGIN}); every answer
 * varies by Origin.
 */
@QuarkusTest
@TestProfile(HttpHardeningProfile.class)
class CorsPolicyTest {

    @TestHTTPResource("/")
    URL api;

    @Test
    void anyOriginMayReadAndTheAnswerVariesByOrigin() {
        given().header("Origin", "https://reader.example").get("/feed?limit=1")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://reader.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Vary", containsString("Origin")).header("Vary", containsString("Accept"));
        given().header("Origin", "https://reader.example").header("Access-Control-Request-Method", "GET")
                .options("/feed").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "https://reader.example")
                .header("Access-Control-Allow-Methods", "GET, HEAD").header("Vary", containsString("Origin"));
    }

    @Test
    void answerWithoutOriginVariesByOriginToo() {
        given().get("/feed?limit=1").then().statusCode(200).header("Vary", containsString("Origin"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE" })
    void preflightOfAWriteFromAnOriginNotConfiguredIsRefused(String method) {
        for (String origin : new String[] { "https://evil.example", "null" }) {
            given().header("Origin", origin).header("Access-Control-Request-Method", method)
                    .header("Access-Control-Request-Headers", "authorization, content-type")
                    .options("/articles").then().statusCode(403).contentType("application/problem+json")
                    .header("Access-Control-Allow-Origin", nullValue()).header("Vary", containsString("Origin"))
                    .body("status", equalTo(403));
        }
    }

    @Test
    void preflightOfAReadWithCredentialsFromAnOriginNotConfiguredIsRefused() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization").options("/ingest/status")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void writeSentFromAnOriginNotConfiguredIsRefusedWithoutThePreflight() {
        given().header("Origin", "https://evil.example").auth().oauth2("test-token").contentType("text/plain")
                .body("Title\n\nBody.").post("/articles")
                .then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Cross-origin write refused"));
    }

    @Test
    void sameOriginWriteIsNoCorsMatter() {
        // What a browser sends for the service's own pages (the Swagger UI): Origin names the service itself.
        given().header("Origin", "http://localhost:" + api.getPort()).auth().oauth2("test-token")
                .delete("/articles/no-such-article").then().statusCode(404);
    }

    @Test
    void configuredOriginMayWrite() {
        given().header("Origin", HttpHardeningProfile.WRITE_ORIGIN).header("Access-Control-Request-Method", "DELETE")
                .header("Access-Control-Request-Headers", "authorization").options("/articles/some-id")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", HttpHardeningProfile.WRITE_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", "authorization");
        given().header("Origin", HttpHardeningProfile.WRITE_ORIGIN).auth().oauth2("test-token")
                .delete("/articles/no-such-article")
                .then().statusCode(404).header("Access-Control-Allow-Origin", HttpHardeningProfile.WRITE_ORIGIN);
    }
}
