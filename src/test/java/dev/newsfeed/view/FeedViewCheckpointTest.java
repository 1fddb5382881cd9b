package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

/** The view on disk: what a commit keeps, what a restart finds, and what it throws away. */
class FeedViewCheckpointTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path folder;

    private final Topics topics = new Topics();

    @Test
    void reopenedViewHoldsWhatWasCommittedWithItsPositions() {
        String token;
        try (FeedView view = FeedView.open(folder)) {
            view.topics("articles-id", "retractions-id");
            Article a = article("a", 10);
            view.apply(List.of(topics.version(a), topics.version(article("b", 20)),
                    topics.retracted(new Retraction("a", T0.plusSeconds(30), a.contentHash(), a.source()))),
                    Map.of("a0", 7L));
            token = view.page(10).changes();
            view.commit();
        }

        try (FeedView reopened = FeedView.open(folder)) {
            assertThat(reopened.checkpoint().next()).containsEntry("a0", 7L).containsEntry("r0", 1L);
            assertThat(reopened.checkpoint().readFrom("articles-id", "retractions-id")).isTrue();
            assertThat(reopened.checkpoint().readFrom("recreated-id", "retractions-id")).isFalse();
            assertThat(reopened.find("b")).isPresent();
            assertThat(reopened.retraction("a")).isPresent();
            assertThat(reopened.page(10).changes()).as("the same since token after the restart").isEqualTo(token);
        }
    }

    @Test
    void closingCommitsWhatWasApplied() {
        try (FeedView view = FeedView.open(folder)) {
            view.apply(List.of(topics.version(article("a", 10))));
        }

        try (FeedView reopened = FeedView.open(folder)) {
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.checkpoint().next("a0")).isEqualTo(1);
        }
    }

    @Test
    void damagedIndexIsDeletedAndTheViewStartsEmpty() throws IOException {
        try (FeedView view = FeedView.open(folder)) {
            view.apply(List.of(topics.version(article("a", 10))));
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(file, new byte[] { 1, 2, 3 });
            }
        }

        try (FeedView reopened = FeedView.open(folder)) {
            assertThat(reopened.size()).isZero();
            assertThat(reopened.checkpoint().isEmpty()).as("to be read again from the beginning").isTrue();
            reopened.apply(List.of(topics.version(article("b", 10))));
            assertThat(reopened.find("b")).isPresent();
        }
    }

    @Test
    void rebuildEmptiesTheViewAndNeverMovesLastModifiedBack() {
        try (FeedView view = FeedView.open(folder)) {
            view.topics("old-topic", null);
            view.apply(List.of(topics.version(article("a", 10))));
            Instant before = view.lastModified();

            view.rebuild("a test");

            assertThat(view.size()).isZero();
            assertThat(view.checkpoint().isEmpty()).isTrue();
            assertThat(view.checkpoint().readFrom("new-topic", null)).isTrue();
            assertThat(view.lastModified()).isAfter(before);
        }
    }

    @Test
    void secondViewOnTheSameFolderIsRefused() {
        try (FeedView view = FeedView.open(folder)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> FeedView.open(folder));
            assertThat(refused).hasMessageContaining("newsfeed.view.data-dir");
        }
    }

    @Test
    void writerWaitingForItsRecordIsReleasedOnceTheViewAppliedIt() {
        try (FeedView view = FeedView.inMemory()) {
            var applied = view.applied(LogPosition.article(0, 1), Duration.ofMinutes(1)).toCompletableFuture();
            view.apply(List.of(topics.version(article("a", 10))));
            assertThat(applied).as("offset 0 applied, offset 1 not yet").isNotDone();

            view.apply(List.of(topics.version(article("b", 20))));

            assertThat(applied).isDone();
            assertThat(view.applied(LogPosition.article(0, 0), Duration.ofMinutes(1)).toCompletableFuture()).as("already applied").isDone();
        }
    }

    private static Article article(String id, long secondsAfterT0) {
        return Article.first(id, "file:" + id + ".txt", new ArticleText("Title " + id, null, null, List.of("Body.")),
                T0.plusSeconds(secondsAfterT0));
    }
}
