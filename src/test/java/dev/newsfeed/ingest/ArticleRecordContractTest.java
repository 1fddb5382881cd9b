package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;

/** What a Kafka subscriber receives, read with a plain consumer: key, CloudEvents headers, schema. */
@QuarkusTest
class ArticleRecordContractTest {

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;


    @Test
    void recordsAreCloudEventsWhoseValueMatchesThePublishedSchema() throws Exception {
        String reference = "contract-" + UUID.randomUUID();
        String id = given().auth().oauth2("test-token").contentType("application/json")
                .body(Map.of("title", "First", "body", List.of("Body."), "source", reference))
                .post("/articles").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).isPresent());
        given().auth().oauth2("test-token").contentType("application/json")
                .body(Map.of("title", "Second", "body", List.of("Body."), "source", reference))
                .post("/articles").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> view.find(id).orElseThrow().title().equals("Second"));

        List<ConsumerRecord<String, String>> records = topics.articles().stream()
                .filter(record -> id.equals(record.key())).toList();

        assertThat(records).hasSize(2);
        assertThat(records).extracting(record -> header(record, "ce_type"))
                .containsExactly("newsfeed.article.published", "newsfeed.article.updated");
        for (ConsumerRecord<String, String> record : records) {
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_source")).isEqualTo("http://localhost:8080");
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(header(record, "ce_dataschema")).isEqualTo("http://localhost:8080/schemas/article-v1.json");
            assertThat(header(record, "content-type")).isEqualTo("application/json");
            assertThat(Instant.parse(header(record, "ce_time"))).isNotNull();
            assertThat(schema().validate(new ObjectMapper().readTree(record.value()))).isEmpty();
        }
        Set<String> ids = records.stream().map(record -> header(record, "ce_id")).collect(Collectors.toSet());
        assertThat(ids).as("ce_id unique per event").hasSize(2);
    }

    @Test
    void everyRecordOfTheTopicMatchesTheSchema() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> view.size() > 0);
        JsonSchema schema = schema();
        for (ConsumerRecord<String, String> record : topics.articles()) {
            if (record.value() != null) {
                Set<ValidationMessage> problems = schema.validate(new ObjectMapper().readTree(record.value()));
                assertThat(problems).as(record.key()).isEmpty();
            }
        }
    }

    @Test
    void schemaIsServedWhereTheRecordsSayItIs() {
        given().get("/schemas/article-v1.json").then().statusCode(200);
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = ArticleRecordContractTest.class.getResourceAsStream("/META-INF/resources/schemas/article-v1.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
