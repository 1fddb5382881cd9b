package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the view's Lucene index is set up, where a default would cost writers their latency. */
class ArticleIndexTest {

    @TempDir
    Path folder;

    @TempDir
    Path copy;

    @Test
    void refreshDoesNotWaitForMergesOfTheSegmentsItFlushes() throws Exception {
        // Every POST waits for the refresh that shows its article; Lucene 9 would let that refresh wait up to
        // 500 ms for merges of the tiny segments refreshes flush (measured: a POST's max was 3 s under load).
        try (ArticleIndex index = ArticleIndex.open(folder)) {
            assertThat(index.writer().getConfig().getMaxFullFlushMergeWaitMillis()).isZero();
        }
    }

    @Test
    void aCommitPutsOnDiskWhatRefreshesKeptInMemory() throws Exception {
        try (ArticleIndex index = ArticleIndex.open(folder)) {
            for (int i = 0; i < 3; i++) {
                Document document = new Document();
                document.add(new StringField("id", "a" + i, Field.Store.YES));
                index.writer().addDocument(document);
                index.refresh(new TreeMap<>(), Instant.EPOCH);
            }
            index.commit(Checkpoint.EMPTY);
            // What a crash right now would leave: the files on disk, read by another process.
            copyFiles(folder, copy);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(copy))) {
            assertThat(reader.numDocs()).isEqualTo(3);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }
}
