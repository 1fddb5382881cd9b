package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Writes;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.smallrye.mutiny.Uni;

/**
 * Issue 9, finding 11: a retraction ends with its tombstone on the topic. When the tombstone fails after the
 * retraction was written, the client hears 503; its retry finds the article retracted, writes the tombstone
 * again and answers 410.
 */
@QuarkusTest
class RetractionRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectSpy
    ArticlePublisher publisher;

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;

    @Test
    void retryOfARetractionWhoseTombstoneFailedWritesTheTombstoneAndAnswers410() {
        String id = Writes.post("Retracted while Kafka drops a tombstone " + UUID.randomUUID(), "One paragraph.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());
        doReturn(Uni.createFrom().failure(new IllegalStateException("the tombstone was not acknowledged")))
                .doCallRealMethod().when(publisher).tombstone(any());

        Writes.authorized().delete("/articles/" + id).then().statusCode(503).header("Retry-After", "5");
        await().atMost(WAIT).until(() -> view.retraction(id).isPresent());
        assertThat(topics.articleRecords(id)).as("the article's records before the retry").last()
                .extracting(ConsumerRecord::value).as("still the article, no tombstone").isNotNull();

        Writes.authorized().delete("/articles/" + id).then().statusCode(410).contentType("application/problem+json");

        assertThat(topics.articleRecords(id)).last().extracting(ConsumerRecord::value).as("a tombstone").isNull();
        // Every further retry is answered the same; the repeated tombstone is the same event, at the same time.
        Writes.authorized().delete("/articles/" + id).then().statusCode(410);
        assertThat(topics.articleRecords(id)).filteredOn(record -> record.value() == null)
                .extracting(record -> record.timestamp()).containsOnly(view.retraction(id).get().retractedAt()
                        .toEpochMilli());
        doCallRealMethod().when(publisher).tombstone(any());
    }
}
