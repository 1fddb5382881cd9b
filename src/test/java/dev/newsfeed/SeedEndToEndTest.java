package dev.newsfeed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;

/**
 * The whole path on a real broker: the seed file of {@code seeds/} is parsed, published to the articles
 * topic, read back into the feed view, and served over REST, while a plain Kafka subscriber sees the record.
 */
@QuarkusTest
class SeedEndToEndTest {

    private static final Path SEED = Path.of("seeds/000_22b61c6839899886.txt");
    private static final String SEED_ID = "000_22b61c6839899886";

    @Inject
    SuiteTopics topics;


    @Test
    void seedFileReachesTheFeedAndTheTopicWithEveryField() throws Exception {
        ArticleText expected = new ArticleParser().parse(Files.readAllBytes(SEED));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("source", "file:" + SEED_ID)
                .get("/feed").then().statusCode(200).body("items.id", hasItem(SEED_ID)));
        Map<String, Object> served = given().get("/articles/" + SEED_ID)
                .then().statusCode(200).contentType("application/json")
                .extract().as(new TypeRef<Map<String, Object>>() {
                });

        assertThat(served).containsEntry("id", SEED_ID)
                .containsEntry("title", expected.title())
                .containsEntry("subtitle", expected.subtitle())
                .containsEntry("summary", expected.summary())
                .containsEntry("body", expected.body())
                .containsEntry("source", "file:000_22b61c6839899886.txt")
                .containsEntry("wordCount", 149)
                .containsEntry("contentHash", expected.contentHash())
                .containsEntry("schemaVersion", 1);
        Instant publishedAt = Instant.parse((String) served.get("publishedAt"));
        assertThat(Instant.parse((String) served.get("updatedAt"))).isEqualTo(publishedAt);
        assertThat(publishedAt).isBefore(Instant.now());

        List<ConsumerRecord<String, String>> records = topics.articles().stream()
                .filter(record -> SEED_ID.equals(record.key())).toList();
        assertThat(records).as("one record for the seed: nothing published twice").hasSize(1);
        Map<String, Object> published = new ObjectMapper().readValue(records.get(0).value(), new TypeReference<>() {
        });
        assertThat(published).isEqualTo(served);
    }
}
