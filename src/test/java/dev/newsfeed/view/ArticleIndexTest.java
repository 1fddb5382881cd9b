package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the view's Lucene index is set up, where a default would cost writers their latency. */
class ArticleIndexTest {

    @TempDir
    Path folder;

    @Test
    void refreshDoesNotWaitForMergesOfTheSegmentsItFlushes() throws Exception {
        // Every POST waits for the refresh that shows its article; Lucene 9 would let that refresh wait up to
        // 500 ms for merges of the tiny segments refreshes flush (measured: a POST's max was 3 s under load).
        try (ArticleIndex index = ArticleIndex.open(folder)) {
            assertThat(index.writer().getConfig().getMaxFullFlushMergeWaitMillis()).isZero();
        }
    }
}
