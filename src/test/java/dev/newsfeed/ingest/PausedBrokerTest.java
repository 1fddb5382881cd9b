package dev.newsfeed.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.http.HttpIds;
import dev.newsfeed.Writes;
import dev.newsfeed.view.FeedView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 19, finding 2, as an operator having a bad day met it: the broker is paused (SIGSTOP) while it holds a
 * write, past the publish timeout, with a second client sending the same submission at once; both hear 503; the
 * broker resumes and appends the first write late; a resend is then answered. The topic must hold that submission
 * as one record, possibly written twice, never as two versions.
 */
@QuarkusTest
@TestProfile(PausableBrokerProfile.class)
class PausedBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "newsfeed.kafka.topic")
    String topic;

    @Inject
    FeedView view;

    @Test
    void submissionSentTwiceWhileTheBrokerHeldItsFirstWriteIsOneVersionOnTheTopic() throws Exception {
        await().atMost(WAIT).until(() -> given().get("/feed").statusCode() == 200);
        String key = "paused-" + UUID.randomUUID();
        String id = HttpIds.forReference(key);
        Map<String, Object> submission = Map.of("title", "Written while the broker was paused",
                "body", List.of("Kafka appends it after the client was told 503."));
        System.setProperty(PausingInterceptor.ARMED_KEY, id);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Integer> statuses = new ArrayList<>();
        try {
            Future<Integer> first = clients.submit(() -> post(submission, key));
            Future<Integer> second = clients.submit(() -> post(submission, key));
            statuses.add(first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            statuses.add(second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            System.clearProperty(PausingInterceptor.ARMED_KEY);
            PausableBrokerResource.resume();
            clients.shutdownNow();
        }
        assertThat(System.getProperty(PausingInterceptor.ARMED_KEY)).as("the broker was paused by the write").isNull();
        assertThat(statuses).as("neither was acknowledged while the broker was paused").containsOnly(503);

        await().atMost(WAIT).until(() -> {
            int status = post(submission, key);
            return status == 200 || status == 201;
        });

        List<ConsumerRecord<String, byte[]>> records = records(id);
        assertThat(records).as("the submission on the topic").isNotEmpty();
        assertThat(records).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .as("one version: every record of the id is the same record").containsOnly(
                        new String(records.get(0).value(), StandardCharsets.UTF_8));
        assertThat(records).extracting(record -> new String(record.headers().lastHeader("ce_id").value(),
                StandardCharsets.UTF_8)).as("one CloudEvent").hasSameSizeAs(records).containsOnly(
                        new String(records.get(0).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
        assertThat(view.find(id)).isPresent();
    }

    private static int post(Map<String, Object> submission, String key) {
        return Writes.authorized().contentType("application/json").header("Idempotency-Key", key).body(submission)
                .post("/articles").statusCode();
    }

    /** Every record of the id on the articles topic, read from its beginning to its end now. */
    private List<ConsumerRecord<String, byte[]>> records(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime()).as("read the topic to its end in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (id.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }
}
