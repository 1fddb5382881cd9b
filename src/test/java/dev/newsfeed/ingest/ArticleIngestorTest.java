package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Article;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ArticleIngestorTest {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    ArticleIngestor ingestor;

    @Inject
    FeedView view;

    @Inject
    SuiteTopics topics;


    @Test
    void editedSourceReplacesItsArticleAndKeepsItsFirstPublication() throws Exception {
        String id = "edited-" + UUID.randomUUID();
        String original = Fixtures.article("canonical.txt");
        Article first = publishAndAwait(new SourceDocument(id, "file:" + id + ".txt", utf8(original)));

        Article edited = publishAndAwait(new SourceDocument(id, "file:" + id + ".txt",
                utf8(original.replace("Tuesday", "Wednesday"))));

        assertThat(edited.contentHash()).isNotEqualTo(first.contentHash());
        assertThat(edited.publishedAt()).isEqualTo(first.publishedAt());
        assertThat(edited.updatedAt()).isAfter(first.updatedAt());
        assertThat(view.find(id)).contains(edited);
        assertThat(view.page(100).items()).filteredOn(article -> article.id().equals(id)).hasSize(1);
    }

    @Test
    void unchangedResendPublishesNothing() throws Exception {
        String id = "resent-" + UUID.randomUUID();
        SourceDocument document = new SourceDocument(id, "file:" + id + ".txt", utf8(Fixtures.article("crlf.txt")));
        Article published = publishAndAwait(document);
        long before = topics.articlesEndOffset();

        IngestOutcome again = ingestor.ingest(new SourceDocument(id, "file:" + id + ".txt", utf8(Fixtures.article("canonical.txt"))))
                .await().atMost(PUBLISH_TIMEOUT);

        assertThat(again.result()).isEqualTo(IngestOutcome.Result.UNCHANGED);
        assertThat(again.article()).isEqualTo(published);
        assertThat(topics.articlesEndOffset()).isEqualTo(before);
    }

    @Test
    void sourceThatIsNotAnArticleIsRefusedWithItsReasonAndNotPublished() throws Exception {
        long before = topics.articlesEndOffset();

        IngestOutcome outcome = ingestor.ingest(new SourceDocument("refused", "file:refused.txt",
                utf8("Only a title\n"))).await().atMost(PUBLISH_TIMEOUT);

        assertThat(outcome.result()).isEqualTo(IngestOutcome.Result.REJECTED);
        assertThat(outcome.rejection().reason()).isEqualTo("NO_BODY");
        assertThat(outcome.rejection().line()).isEqualTo(1);
        assertThat(topics.articlesEndOffset()).isEqualTo(before);
    }

    private Article publishAndAwait(SourceDocument document) {
        IngestOutcome outcome = ingestor.ingest(document).await().atMost(PUBLISH_TIMEOUT);
        assertThat(outcome.result()).isEqualTo(IngestOutcome.Result.PUBLISHED);
        await().atMost(PUBLISH_TIMEOUT).until(() -> view.holds(document.id(), outcome.article().contentHash()));
        return outcome.article();
    }


    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
