package dev.newsfeed.ingest.http;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.folder.NoIntakeProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With no API token configured, the service accepts no writes, whatever the request carries. */
@QuarkusTest
@TestProfile(NoIntakeProfile.class)
class WritesDisabledTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void writesAreForbiddenAndTheFeedStaysReadable() {
        given().auth().oauth2("anything").contentType("text/plain").body("T\n\nB").post("/articles")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("newsfeed.api-token"));
        // Readable once caught up, which the readiness probe reports: then it must be 200, not "200 or 503".
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get(ready).statusCode() == 200);
        given().get("/feed").then().statusCode(200).contentType("application/json");
    }
}
