package dev.newsfeed;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.specification.RequestSpecification;

/** Requests with the test profile's API token ({@code %test.newsfeed.api-token}). */
public final class Writes {

    private Writes() {
    }

    public static RequestSpecification authorized() {
        return given().auth().oauth2("test-token");
    }

    /** POSTs a new article as JSON, expects it published (201) and returns its id. */
    public static String post(String title, String... paragraphs) {
        return authorized().contentType("application/json").body(Map.of("title", title, "body", List.of(paragraphs)))
                .post("/articles").then().statusCode(201).extract().path("id");
    }
}
