package dev.newsfeed.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** POST and PUT /articles with the test profile's token ({@code test-token}), on the real broker. */
@QuarkusTest
class ArticleIntakeResourceTest {

    private static final String TOKEN = "test-token";

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;


    @Test
    void postedTextIsCreatedOnceKafkaAcknowledgedItAndServed() throws Exception {
        String text = unique(Fixtures.article("canonical.txt"));

        ExtractableResponse<Response> created = authorized().contentType("text/plain; charset=utf-8").body(text)
                .post("/articles").then().statusCode(201)
                .header("Location", containsString("/articles/post:"))
                .body("title", equalTo("Kyiv Votes to Bring Back the Embankment Tram"))
                .body("source", startsWith("http:post:"))
                .extract();

        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/articles/" + id);
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).isPresent());
        given().get("/articles/" + id).then().statusCode(200).body("contentHash", equalTo(created.path("contentHash")));
    }

    @Test
    void unchangedResendAnswers200AndPublishesNothing() throws Exception {
        String text = unique(Fixtures.article("canonical.txt"));
        String id = authorized().contentType("text/plain").body(text).post("/articles")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).isPresent());
        long before = topics.articlesEndOffset();

        authorized().contentType("text/plain").body(text.replace("\n", "\r\n")).post("/articles")
                .then().statusCode(200).header("Location", endsWith("/articles/" + id)).body("id", equalTo(id));

        assertThat(topics.articlesEndOffset()).isEqualTo(before);
    }

    @Test
    void jsonWithAReferenceUpdatesTheSameArticleWhenResentEdited() {
        String reference = "cms-" + UUID.randomUUID();
        Map<String, Object> first = Map.of("title", "Original", "body", List.of("First body."), "source", reference);
        String id = authorized().contentType("application/json").body(first).post("/articles")
                .then().statusCode(201).body("source", equalTo("http:" + reference)).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).isPresent());
        Instant publishedAt = view.find(id).orElseThrow().publishedAt();

        authorized().contentType("application/json")
                .body(Map.of("title", "Corrected", "body", List.of("First body."), "source", reference))
                .post("/articles").then().statusCode(201).body("id", equalTo(id)).body("title", equalTo("Corrected"));

        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).orElseThrow().title().equals("Corrected"));
        assertThat(view.find(id).orElseThrow().publishedAt()).isEqualTo(publishedAt);
    }

    @Test
    void idempotencyKeyGivesTheSameIdToTheSameSubmission() {
        String key = UUID.randomUUID().toString();
        String first = authorized().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "Keyed", "body", List.of("Body."))).post("/articles")
                .then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(first).isPresent());

        authorized().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "Keyed", "body", List.of("Body."))).post("/articles")
                .then().statusCode(200).body("id", equalTo(first));
    }

    @Test
    void putPublishesAnEditOfAnHttpArticleKeepingItsFirstPublication() {
        String id = authorized().contentType("application/json")
                .body(Map.of("title", "Before " + UUID.randomUUID(), "body", List.of("Body.")))
                .post("/articles").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).isPresent());
        Instant publishedAt = view.find(id).orElseThrow().publishedAt();

        authorized().contentType("application/json")
                .body(Map.of("title", "After", "body", List.of("Body.")))
                .put("/articles/" + id).then().statusCode(200).body("title", equalTo("After"))
                .body("publishedAt", equalTo(publishedAt.toString()));
    }

    @Test
    void putOfAFileArticleIsAConflictAndOfAnUnknownOneNotFound() {
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find("000_22b61c6839899886").isPresent());
        authorized().contentType("application/json").body(Map.of("title", "X", "body", List.of("Y.")))
                .put("/articles/000_22b61c6839899886").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("edit that file"));
        authorized().contentType("application/json").body(Map.of("title", "X", "body", List.of("Y.")))
                .put("/articles/post:unknown").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void serverDerivedOrUnknownFieldIsBadRequest() {
        authorized().contentType("application/json")
                .body(Map.of("title", "T", "body", List.of("B."), "publishedAt", "2020-01-01T00:00:00Z"))
                .post("/articles").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown field 'publishedAt'"));
    }

    @Test
    void malformedJsonIsBadRequestWithItsPosition() {
        authorized().contentType("application/json").body("{\"title\": \"T\", \"body\": [")
                .post("/articles").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON")).body("detail", containsString("line 1"));
    }

    @Test
    void jsonThatIsNotAnArticleIsUnprocessableNamingTheField() {
        authorized().contentType("application/json").body(Map.of("title", "T", "body", List.of()))
                .post("/articles").then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("field 'body' needs at least one paragraph"));
        authorized().contentType("application/json").body(Map.of("body", List.of("B.")))
                .post("/articles").then().statusCode(422).body("detail", equalTo("field 'title' is required"));
    }

    @Test
    void textThatIsNotAnArticleIsUnprocessableWithReasonAndLine() {
        authorized().contentType("text/plain").body("Only a title\n")
                .post("/articles").then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("NO_BODY at line 1"));
        authorized().contentType("text/plain").body(new byte[] { 'a', '\n', (byte) 0xE9, '\n' })
                .post("/articles").then().statusCode(422).body("detail", startsWith("NOT_UTF8 at line 2"));
    }

    @Test
    void wrongMediaTypeOrCharsetIsUnsupported() {
        authorized().contentType("application/xml").body("<article/>")
                .post("/articles").then().statusCode(415).contentType("application/problem+json");
        authorized().contentType("text/plain; charset=ISO-8859-1").body("Title\n\nBody".getBytes(StandardCharsets.ISO_8859_1))
                .post("/articles").then().statusCode(415).body("detail", containsString("UTF-8"));
    }

    @Test
    void bodyOverTheLimitIsTooLargeWithAProblemBody() {
        authorized().contentType("text/plain").body(new byte[600 * 1024])
                .post("/articles").then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("detail", containsString("524288"));
    }

    @Test
    void missingOrWrongTokenIsUnauthorizedWithABearerChallenge() {
        given().contentType("text/plain").body("T\n\nB").post("/articles")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().auth().oauth2("wrong-token").contentType("text/plain").body("T\n\nB").post("/articles")
                .then().statusCode(401).header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        given().get("/ingest/status").then().statusCode(401);
    }

    @Test
    void ingestStatusListsSourcesWithTheirState() {
        authorized().contentType("application/json").body(Map.of("title", "Status " + UUID.randomUUID(),
                "body", List.of("Body."))).post("/articles").then().statusCode(201);

        authorized().queryParam("limit", 1).get("/ingest/status").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].state", equalTo("PUBLISHED"))
                .body("items[0].source", startsWith("http:"))
                .body("nextOffset", equalTo(1));
    }

    /** Issue 9, finding 1: the characters the probe got in, each of which broke the XML feeds for every reader. */
    @ParameterizedTest(name = "U+{0} in a JSON title is refused")
    @ValueSource(strings = { "0000", "0001", "0007", "000B", "001B", "FFFE", "FFFF", "D800" })
    void titleWithControlCharacterIsRefusedWith422(String hex) {
        authorized().contentType("application/json")
                .body("{\"title\": \"Before \\u" + hex + " after\", \"body\": [\"Body.\"]}")
                .post("/articles").then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("field 'title' holds U+" + hex + " ("));
    }

    @Test
    void textWithANoncharacterIsRefusedWith422AndItsLine() {
        authorized().contentType("text/plain; charset=utf-8").body(Fixtures.bytes("/articles/noncharacter.txt"))
                .post("/articles").then().statusCode(422).contentType("application/problem+json")
                .body("detail", startsWith("ILLEGAL_CHARACTER at line 7: the body paragraph holds U+FFFF"));
    }

    @Test
    void nulIsRefusedInJsonAsInText() {
        authorized().contentType("application/json").body("{\"title\": \"T\", \"body\": [\"a\\u0000b\"]}")
                .post("/articles").then().statusCode(422)
                .body("detail", startsWith("field 'body[0]' holds U+0000 (a control character)"));
        authorized().contentType("text/plain").body(new byte[] { 'T', '\n', '\n', 'a', 0, 'b', '\n' })
                .post("/articles").then().statusCode(422).body("detail", startsWith("BINARY at line 3"));
    }

    /** Issue 9, finding 6: limits per field, visible text, no coercion, the same rules for text and JSON. */
    @Test
    void titleOverItsLimitIsRefusedWith422InJsonAndText() {
        String title = "T".repeat(100_000);
        authorized().contentType("application/json").body(Map.of("title", title, "body", List.of("B.")))
                .post("/articles").then().statusCode(422)
                .body("detail", equalTo("field 'title' is 100000 characters long; at most 300"));
        authorized().contentType("text/plain").body(title + "\n\n" + title + "\nBody.\n")
                .post("/articles").then().statusCode(422)
                .body("detail", startsWith("TOO_LONG at line 1: the title is 100000 characters long; at most 300"));
    }

    @Test
    void titleOfOnlyAZeroWidthSpaceIsRefusedWith422InJsonAndText() {
        authorized().contentType("application/json").body("{\"title\": \"\\u200B\", \"body\": [\"B.\"]}")
                .post("/articles").then().statusCode(422)
                .body("detail", startsWith("field 'title' holds no visible character"));
        authorized().contentType("text/plain").body(Fixtures.bytes("/articles/invisible-title.txt"))
                .post("/articles").then().statusCode(422).body("detail", startsWith("NO_VISIBLE_TEXT at line 2"));
    }

    @Test
    void numbersAndBooleansAreNotCoercedToText() {
        authorized().contentType("application/json").body("{\"title\": 123, \"body\": [\"B.\"]}")
                .post("/articles").then().statusCode(400).contentType("application/problem+json")
                .body("detail", startsWith("field 'title':"));
        authorized().contentType("application/json").body("{\"title\": \"T\", \"body\": [1, 2]}")
                .post("/articles").then().statusCode(400).body("detail", startsWith("field 'body[0]':"));
        authorized().contentType("application/json").body("{\"title\": \"T\", \"body\": [\"B.\"], \"source\": true}")
                .post("/articles").then().statusCode(400).body("detail", startsWith("field 'source':"));
    }

    @Test
    void sourceOverItsLimitOrWithALineBreakIsRefusedWith422AndSuchAnIdempotencyKeyWith400() {
        authorized().contentType("application/json")
                .body(Map.of("title", "T", "body", List.of("B."), "source", "s".repeat(300_000)))
                .post("/articles").then().statusCode(422)
                .body("detail", equalTo("field 'source' is 300000 characters long; at most 500"));
        authorized().contentType("application/json")
                .body(Map.of("title", "T", "body", List.of("B."), "source", "cms-1\n2026-11-26 INFO forged"))
                .post("/articles").then().statusCode(422).body("detail", startsWith("field 'source' must be one line"));
        authorized().header("Idempotency-Key", "k".repeat(501)).contentType("application/json")
                .body(Map.of("title", "T", "body", List.of("B."))).post("/articles").then().statusCode(400)
                .body("detail", equalTo("field 'Idempotency-Key' is 501 characters long; at most 500"));
    }

    @Test
    void idempotencyKeySentTwiceIsRefusedWith400() {
        // Issue 22, finding 6: of two keys the first was used silently.
        authorized().header("Idempotency-Key", "first").header("Idempotency-Key", "second")
                .contentType("application/json").body(Map.of("title", "T", "body", List.of("B.")))
                .post("/articles").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("was sent 2 times"));
    }

    @Test
    void idempotencyKeyIsReadAsTheUtf8TheClientSentAndBytesThatAreNotUtf8AreRefusedWith400() throws Exception {
        // Issue 22, finding 6: "ünï" became "Ã¼nÃ¯". Sent as raw bytes on the wire, as curl sends them.
        String key = "ünï-" + UUID.randomUUID();
        String title = "Keyed in UTF-8 " + UUID.randomUUID();
        String answer = postWithKeyBytes(key.getBytes(StandardCharsets.UTF_8), title);
        assertThat(answer).startsWith("HTTP/1.1 201");
        String id = HttpIds.forReference(key);
        given().get("/articles/" + id).then().statusCode(200).body("source", equalTo("http:" + key));

        assertThat(postWithKeyBytes(new byte[] { 'k', (byte) 0xC3, '(' }, "Not UTF-8"))
                .startsWith("HTTP/1.1 400").contains("is not UTF-8 text");
    }

    /** A POST written byte for byte, with the key's bytes as they are: the whole answer, as text. */
    private static String postWithKeyBytes(byte[] key, String title) throws Exception {
        byte[] body = ("{\"title\":\"" + title + "\",\"body\":[\"B.\"]}").getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(("POST /articles HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer test-token\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nIdempotency-Key: ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(key);
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body);
            socket.getOutputStream().write(request.toByteArray());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void idempotencyKeySentAgainWithAnotherTextIsRefusedWith422AndChangesNothing() {
        // Issue 19, finding 10: it was a silent edit (201).
        String key = "once-" + UUID.randomUUID();
        String id = authorized().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "The first text", "body", List.of("B."))).post("/articles").then()
                .statusCode(201).extract().path("id");
        authorized().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "The first text", "body", List.of("B."))).post("/articles").then()
                .statusCode(200).body("id", equalTo(id));

        authorized().header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("title", "Another text", "body", List.of("B."))).post("/articles").then()
                .statusCode(422).contentType("application/problem+json")
                .body("title", equalTo("Idempotency-Key reused"));

        given().get("/articles/" + id).then().statusCode(200).body("title", equalTo("The first text"));
    }

    @Test
    void locationIsBuiltFromThePublicBaseUrlNeverFromTheHostHeader() {
        // Issue 22, finding 7.
        authorized().header("Host", "evil.example").contentType("application/json")
                .body(Map.of("title", "Located " + UUID.randomUUID(), "body", List.of("B."))).post("/articles")
                .then().statusCode(201).header("Location", startsWith("http://localhost:8080/articles/post:"));
    }

    private static RequestSpecification authorized() {
        // RestAssured would add "; charset=ISO-8859-1" to a bare text/plain; curl and most clients add nothing.
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .auth().oauth2(TOKEN);
    }

    /** The fixture with a title of its own, so that each test publishes a new article. */
    private static String unique(String text) {
        return text.replace("Embankment Tram\n\n", "Embankment Tram\n\n").replace("Tuesday", "Tuesday " + UUID.randomUUID());
    }
}
