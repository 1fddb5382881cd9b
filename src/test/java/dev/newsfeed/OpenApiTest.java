package dev.newsfeed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.http.ArticleSubmission;
import io.quarkus.test.junit.QuarkusTest;

import dev.newsfeed.view.ChangesPage;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedPage;

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
                .body("paths", hasKey("/feed/stream"))
                .body("paths", hasKey("/articles"))
                .body("paths", hasKey("/articles/{id}"))
                .body("paths", hasKey("/ingest/status"))
                .body("paths", hasKey("/tags"))
                .body("components.schemas", hasKey("Article"))
                .body("components.schemas", hasKey("ArticleSubmission"))
                .body("components.schemas", hasKey("FeedPage"))
                .body("components.schemas", hasKey("ChangesPage"))
                .body("components.schemas", hasKey("FeedChange"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes", hasKey("token"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void everySchemaPropertyHasAnExampleOrIsMadeOfSchemasThatDo() {
        Map<String, Map<String, Object>> schemas = document().get("components.schemas");
        List<String> withoutExample = new ArrayList<>();
        schemas.forEach((schema, definition) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition
                    .get("properties");
            if (properties == null) {
                return;
            }
            properties.forEach((name, property) -> {
                if (!hasExample(property) && !isMadeOfSchemas(property)) {
                    withoutExample.add(schema + "." + name);
                }
            });
        });

        assertThat(schemas).hasSizeGreaterThan(10);
        assertThat(withoutExample).isEmpty();
    }

    @Test
    void everyErrorResponseIsAProblemWithAnExample() {
        Map<String, Map<String, Map<String, Object>>> paths = document().get("paths");
        List<String> undescribed = new ArrayList<>();
        int errors = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue()
                        .get("responses");
                for (var response : responses.entrySet()) {
                    if (!response.getKey().matches("[45][0-9][0-9]")) {
                        continue;
                    }
                    errors++;
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.getValue()
                            .get("content");
                    Map<String, Object> problem = content == null ? null : content.get("application/problem+json");
                    if (problem == null || !hasExample(problem)
                            || !String.valueOf(problem.get("schema")).contains("Problem")) {
                        undescribed.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                }
            }
        }

        assertThat(errors).as("error responses described").isGreaterThan(15);
        assertThat(undescribed).isEmpty();
    }

    private static io.restassured.path.json.JsonPath document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /** OpenAPI 3.1 lists examples; 3.0 had one. */
    private static boolean hasExample(Map<?, ?> node) {
        return node.containsKey("example") || node.containsKey("examples");
    }

    /** A reference to another schema, a list of them, or a choice among them: the example lives there. */
    private static boolean isMadeOfSchemas(Map<String, Object> property) {
        if (property.containsKey("$ref") || property.containsKey("oneOf") || property.containsKey("allOf")) {
            return true;
        }
        Object items = property.get("items");
        return items instanceof Map<?, ?> item && (item.containsKey("$ref") || hasExample(item));
    }
}
