package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

/**
 * Which of the view's batches write files on disk before a commit (issue 20): a write's waits for the refresh that
 * shows it, and files on disk made that refresh cost a fifth to a quarter of the reader's CPU; a replay's grows to
 * the RAM buffer's size, and held in memory it would double what the buffer takes of the heap.
 */
class FeedViewSegmentFilesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path folder;

    private final Topics topics = new Topics();
    private final List<String> onDisk = new CopyOnWriteArrayList<>();

    @Test
    void aWritesBatchIsShownWithoutAFileCreatedOnDisk() {
        try (FeedView view = FeedView.open(folder, RecordingDirectory.into(onDisk))) {
            onDisk.clear();

            view.apply(List.of(version("a", 0)));

            assertThat(view.find("a")).isPresent();
            assertThat(onDisk).as("files created on disk").isEmpty();
        }
    }

    @Test
    void aReplaysBatchStreamsItsStoredFieldsToDisk() {
        try (FeedView view = FeedView.open(folder, RecordingDirectory.into(onDisk))) {
            view.apply(List.of(version("a", 0)));
            onDisk.clear();

            List<ArticleChange> replay = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                replay.add(version("replayed-" + i, i));
            }
            view.apply(replay);

            assertThat(onDisk).as("files created on disk").anyMatch(name -> name.endsWith(".fdt"));
        }
    }

    private ArticleChange version(String id, long secondsAfterT0) {
        ArticleText text = new ArticleText("Title of " + id, null, null, List.of("Body of " + id + "."));
        return topics.version(Article.first(id, "file:" + id + ".txt", text, T0.plusSeconds(secondsAfterT0)));
    }
}
