package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
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

    /** Issue 9, findings 1 and 7: a file's path is its article's source, and what is logged of it is one line. */
    @Test
    void fileNameWithALineBreakIsRefusedAndLoggedOnOneLine() throws Exception {
        String forged = "file:a.txt\n2026-11-26 13:00:00,000 INFO  [dev.newsfeed.ingest.ArticleIngestor] forged";

        List<String> logged = logOf(() -> {
            IngestOutcome outcome = ingestor.ingest(new SourceDocument("forged-" + UUID.randomUUID(), forged,
                    utf8(Fixtures.article("canonical.txt")))).await().atMost(PUBLISH_TIMEOUT);
            assertThat(outcome.result()).isEqualTo(IngestOutcome.Result.REJECTED);
            assertThat(outcome.rejection().reason()).isEqualTo("ILLEGAL_CHARACTER");
        });

        assertThat(logged).anySatisfy(line -> assertThat(line)
                .startsWith("Refused file:a.txt\\n2026-11-26 13:00:00,000 INFO").doesNotContain("\n"));
    }

    @Test
    void overlongFileNameIsRefusedAndLoggedCut() throws Exception {
        String source = "file:" + "x".repeat(300_000) + ".txt";

        List<String> logged = logOf(() -> {
            IngestOutcome outcome = ingestor.ingest(new SourceDocument("long-" + UUID.randomUUID(), source,
                    utf8(Fixtures.article("canonical.txt")))).await().atMost(PUBLISH_TIMEOUT);
            assertThat(outcome.rejection().reason()).isEqualTo("TOO_LONG");
        });

        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("Refused file:xxx").hasSizeLessThan(1_000)
                .contains("more characters"));
    }

    /** The messages ArticleIngestor logs while the action runs, formatted as the log writes them. */
    private static List<String> logOf(Runnable action) {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(ArticleIngestor.class.getName());
        logger.addHandler(handler);
        try {
            action.run();
        } finally {
            logger.removeHandler(handler);
        }
        return messages;
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
