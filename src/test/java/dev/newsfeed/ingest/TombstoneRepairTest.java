package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;
import dev.newsfeed.kafka.SuiteTopics;
import dev.newsfeed.view.FeedView;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.smallrye.mutiny.Uni;

/**
 * Issue 9, finding 11: a retraction ends with its tombstone on the topic even when nobody retries it, for example
 * after the instance that retracted stopped between the two records.
 */
@QuarkusTest
class TombstoneRepairTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectSpy
    ArticlePublisher publisher;

    @Inject
    TombstoneRepair repair;

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;

    @AfterEach
    void tombstonesWorkAgain() {
        doCallRealMethod().when(publisher).tombstone(any());
    }

    @Test
    void retractionLeftWithoutItsTombstoneGetsItFromTheRepair() {
        Article article = retractedWithoutTombstone(Instant.now().minus(Duration.ofHours(1)));

        repair.repair();

        assertThat(topics.articleRecords(article.id())).last().extracting(ConsumerRecord::value).as("a tombstone")
                .isNull();
        await().atMost(WAIT).until(() -> view.awaitingTombstone(1_000).stream()
                .noneMatch(retraction -> retraction.id().equals(article.id())));
    }

    @Test
    void recentRetractionIsLeftToTheInstanceWritingItsTombstone() {
        Article article = retractedWithoutTombstone(Instant.now());

        repair.repair();

        assertThat(topics.articleRecords(article.id())).last().extracting(ConsumerRecord::value)
                .as("still the article: its tombstone may be on its way").isNotNull();
        // As the instance that retracted it would: other tests read the suite's topic without its retractions.
        publisher.tombstone(view.retraction(article.id()).orElseThrow()).await().atMost(WAIT);
    }

    /** Publishes an article, then its retraction at {@code retractedAt}, with the tombstone after it lost. */
    private Article retractedWithoutTombstone(Instant retractedAt) {
        String id = Writes.post("Retracted, then the instance stopped " + UUID.randomUUID(), "One paragraph.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());
        Article article = view.find(id).orElseThrow();
        doReturn(Uni.createFrom().failure(new IllegalStateException("the instance stopped before the tombstone")))
                .when(publisher).tombstone(any());
        Retraction retraction = new Retraction(id, retractedAt, article.contentHash(), article.source());
        publisher.retract(retraction).onFailure().recoverWithNull().await().atMost(WAIT);
        doCallRealMethod().when(publisher).tombstone(any());
        await().atMost(WAIT).until(() -> view.awaitingTombstone(1_000).contains(retraction));
        return article;
    }
}
