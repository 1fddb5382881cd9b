package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With no API token configured, the service accepts no writes, whatever the request carries. */
@QuarkusTest
@TestProfile(WritesDisabledTest.NoToken.class)
class WritesDisabledTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.api-token", "");
        }
    }

    @Test
    void writesAreForbiddenAndTheFeedStaysReadable() {
        given().auth().oauth2("anything").contentType("text/plain").body("T\n\nB").post("/articles")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("newsfeed.api-token"));
        given().get("/feed").then().statusCode(anyOf(is(200), is(503)));
    }
}
