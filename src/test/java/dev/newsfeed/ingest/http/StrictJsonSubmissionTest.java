package dev.newsfeed.ingest.http;

import static dev.newsfeed.Writes.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 22, finding 5: a JSON submission means one thing or is refused with 400. No field may come twice, nothing
 * may follow the object, no paragraph may be null, and no answer names a Java class.
 */
@QuarkusTest
class StrictJsonSubmissionTest {

    @Test
    void fieldGivenTwiceIsRefused() {
        post("{\"title\":\"A\",\"title\":\"B\",\"body\":[\"Text.\"]}").statusCode(400)
                .body("detail", containsString("Duplicate field 'title'"));
        post("{\"title\":\"A\",\"body\":[\"Text.\"],\"source\":\"cms-1\",\"source\":\"cms-2\"}").statusCode(400)
                .body("detail", containsString("Duplicate field 'source'"));
    }

    @Test
    void anythingAfterTheObjectIsRefused() {
        post("{\"title\":\"A\",\"body\":[\"Text.\"]} {\"title\":\"B\"}").statusCode(400)
                .body("detail", containsString("after the article's object"));
        post("{\"title\":\"A\",\"body\":[\"Text.\"]}]").statusCode(400);
    }

    @Test
    void nullParagraphIsRefusedNotDropped() {
        post("{\"title\":\"A\",\"body\":[\"First.\",null,\"Third.\"]}").statusCode(400)
                .body("detail", startsWith("field 'body[1]': a paragraph must be a string, not null"));
    }

    @Test
    void noRefusalNamesAJavaClassOrJacksonSetting() {
        for (String body : List.of("123", "[]", "null", "\"text\"", "{\"title\":{}}", "{\"title\":1,\"body\":[\"B.\"]}",
                "{\"title\":\"T\",\"body\":\"B.\"}", "{\"title\":\"T\",\"body\":[[\"B.\"]]}",
                "{\"title\":\"T\",\"body\":[\"B.\"]} 1", "{\"title\":\"T\",\"body\":[\"B.\"],\"id\":\"x\"}")) {
            String detail = post(body).statusCode(400).extract().path("detail");

            assertThat(detail).as(body).isNotBlank().doesNotContain("java.", "dev.newsfeed", "ArticleSubmission",
                    "`", "Feature", "JsonToken");
        }
    }

    private static ValidatableResponse post(String json) {
        return authorized().contentType("application/json").body(json).post("/articles").then()
                .contentType("application/problem+json");
    }
}
