package dev.newsfeed;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import dev.newsfeed.feed.PackagedJarProfile;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 22, finding 8: the packaged service publishes its API description but not the Swagger UI, a page of inline
 * script that cannot have the reader's policy (it is served in dev and test mode only).
 */
@QuarkusIntegrationTest
@TestProfile(PackagedJarProfile.class)
class SwaggerUiIT {

    @Test
    void packagedServiceServesTheApiDescriptionButNoSwaggerUi() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
