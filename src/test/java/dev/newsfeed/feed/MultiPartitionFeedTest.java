package dev.newsfeed.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;


import dev.newsfeed.Writes;
import dev.newsfeed.ingest.folder.ThreePartitionsMovingFolderProfile;
import dev.newsfeed.kafka.SuiteTopics;
import dev.newsfeed.view.ChangeSequence;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The feed contract on topics of three partitions. Partitions added while the service runs are refused: see
 * {@code ReaderFaultsTest.partitionAddedWhileRunningIsRefusedAndStaysRefusedAfterARestart}.
 */
@QuarkusTest
@TestProfile(ThreePartitionsMovingFolderProfile.class)
class MultiPartitionFeedTest {

    @Inject
    SuiteTopics topics;

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
        // Issue 19: the order, not only the presence. Within each partition, the articles published once come in the
        // order of their records' offsets, whatever other partitions interleave.
        List<String> untouched = ids.subList(2, ids.size());
        Map<Integer, List<String>> byOffset = new TreeMap<>();
        topics.articles().stream().filter(record -> untouched.contains(record.key()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(record -> byOffset.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(record.key()));
        List<String> served = changes.stream().map(change -> change.substring(change.indexOf(' ') + 1))
                .filter(untouched::contains).toList();
        byOffset.forEach((partition, inOrder) -> assertThat(served.stream().filter(inOrder::contains).toList())
                .as("partition %d in offset order", partition).isEqualTo(inOrder));
        String next = given().get("/feed?limit=100&since=" + token).then().extract().path("next");
        assertThat(ChangeSequence.decode(next).next()).containsKeys("a0", "a1", "a2");
        assertThat(given().get("/feed?since=" + next).then().statusCode(200).extract().jsonPath()
                .getList("changes")).as("nothing after the last page").isEmpty();
    }

    private long partitionsOf(List<String> ids) {
        return topics.articles().stream().filter(record -> ids.contains(record.key())).map(ConsumerRecord::partition)
                .distinct().count();
    }
}
