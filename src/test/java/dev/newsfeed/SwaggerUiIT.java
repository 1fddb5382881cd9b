package dev.newsfeed;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Issue 22, finding 8: the packaged service publishes its API description but not the Swagger UI, a page of inline
 * script that cannot have the reader's policy (it is served in dev and test mode only).
 */
@QuarkusIntegrationTest
class SwaggerUiIT {

    @Test
    void packagedServiceServesTheApiDescriptionButNoSwaggerUi() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(404);
    }
}
