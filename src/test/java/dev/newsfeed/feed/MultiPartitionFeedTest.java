package dev.newsfeed.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.Writes;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.kafka.SuiteTopics;
import dev.newsfeed.view.ChangeSequence;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The feed contract on topics of three partitions, and a partition added while the service runs. */
@QuarkusTest
@TestProfile(MultiPartitionFeedTest.ThreePartitions.class)
class MultiPartitionFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class ThreePartitions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.kafka.partitions", "3",
                    "newsfeed.kafka.topic", "p3.articles",
                    "newsfeed.kafka.retractions-topic", "p3.retractions",
                    "newsfeed.kafka.dead-letter-topic", "p3.articles.dlq",
                    "newsfeed.ingest.folder-enabled", "false");
        }
    }

    @Inject
    SuiteTopics topics;

    @Inject
    Admin admin;

    @Inject
    ObjectMapper json;

    @Test
    void articlesOfEveryPartitionAreServedAndTheirChangesComeOnceInTheOrderOfEachPartition() {
        String token;
        String run;
        List<String> ids;
        // Keys go to partitions by hash: 12 random ids miss one of 3 partitions about once in 40 runs, so a run
        // that does is followed by another, with a token taken after it.
        int runs = 0;
        do {
            token = given().get("/feed?limit=1").then().statusCode(200).extract().path("changes");
            run = UUID.randomUUID().toString();
            ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add(Writes.post("Spread " + i + " " + run, "Body " + i + "."));
            }
        } while (partitionsOf(ids) < 3 && ++runs < 5);
        assertThat(partitionsOf(ids)).as("the ids spread over the partitions").isEqualTo(3);
        Writes.authorized().contentType("application/json")
                .body(Map.of("title", "Spread 0 edited " + run, "body", List.of("New body.")))
                .put("/articles/" + ids.get(0)).then().statusCode(200);
        Writes.authorized().delete("/articles/" + ids.get(1)).then().statusCode(204);

        List<String> changes = given().get("/feed?limit=100&since=" + token).then().statusCode(200).extract()
                .jsonPath().getList("changes.collect { it.type + ' ' + it.id }");

        assertThat(changes).hasSize(12).doesNotHaveDuplicates()
                .contains("updated " + ids.get(0), "retracted " + ids.get(1), "published " + ids.get(11));
        String next = given().get("/feed?limit=100&since=" + token).then().extract().path("next");
        assertThat(ChangeSequence.decode(next).next()).containsKeys("a0", "a1", "a2");
        assertThat(given().get("/feed?since=" + next).then().statusCode(200).extract().jsonPath()
                .getList("changes")).as("nothing after the last page").isEmpty();
    }

    private long partitionsOf(List<String> ids) {
        return topics.articles().stream().filter(record -> ids.contains(record.key())).map(ConsumerRecord::partition)
                .distinct().count();
    }

    @Test
    void articleOnAPartitionAddedWhileRunningIsShown() throws Exception {
        admin.createPartitions(Map.of(topics.articlesTopic(), NewPartitions.increaseTo(4))).all().get();
        Article article = Article.first("added-" + UUID.randomUUID(), "http:added", new ArticleText("On a new partition",
                null, null, List.of("Written by another instance.")), Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topics.articlesTopic(), 3, article.id(), json.writeValueAsString(article)))
                    .get();
        }

        await().atMost(WAIT).until(() -> given().get("/articles/" + article.id()).statusCode() == 200);
    }
}
