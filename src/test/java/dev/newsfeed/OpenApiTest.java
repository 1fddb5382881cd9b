package dev.newsfeed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The API description a client generator or a newcomer reads. */
@QuarkusTest
class OpenApiTest {

    @Test
    void everyEndpointAndItsSchemasAreDescribed() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/feed"))
                .body("paths", hasKey("/feed.json"))
                .body("paths", hasKey("/feed.atom"))
                .body("paths", hasKey("/feed.rss"))
                .body("paths", hasKey("/articles"))
                .body("paths", hasKey("/articles/{id}"))
                .body("paths", hasKey("/ingest/status"))
                .body("paths", hasKey("/tags"))
                .body("components.schemas", hasKey("Article"))
                .body("components.schemas", hasKey("ArticleSubmission"))
                .body("components.schemas", hasKey("FeedPage"))
                .body("components.securitySchemes", hasKey("token"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
