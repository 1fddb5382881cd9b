package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
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

    @Test
    void aFewDocumentsShownAtOnceTouchNoFileOnDiskUntilTheCommit() throws Exception {
        // Issue 20: their stored fields went to disk (five files created, mapped and deleted per refresh).
        List<String> written = new CopyOnWriteArrayList<>();
        try (ArticleIndex index = ArticleIndex.open(folder, RecordingDirectory.into(written))) {
            for (int i = 0; i < 3; i++) {
                index.nextSegmentSmall(true);
                index.writer().addDocument(document("a" + i));
                index.refresh(new TreeMap<>(), Instant.EPOCH);
            }
            assertThat(written).as("files created on disk before the commit").isEmpty();

            index.commit(Checkpoint.EMPTY);
            assertThat(written).as("the commit writes the segments' files").anyMatch(name -> name.startsWith("_"));
            copyFiles(folder, copy);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(copy))) {
            assertThat(reader.numDocs()).isEqualTo(3);
        }
    }

    @Test
    void aReplaysDocumentsGoToDiskAsTheyAreWrittenNotToMemory() throws Exception {
        // A replay's segments grow to the RAM buffer's size: held in memory too, they would double what it takes.
        List<String> written = new CopyOnWriteArrayList<>();
        try (ArticleIndex index = ArticleIndex.open(folder, RecordingDirectory.into(written))) {
            index.nextSegmentSmall(true);
            index.writer().addDocument(document("a0"));
            index.refresh(new TreeMap<>(), Instant.EPOCH);
            index.nextSegmentSmall(false);
            index.writer().addDocument(document("a1"));

            assertThat(written).as("stored fields streamed to disk").anyMatch(name -> name.endsWith(".fdt"));
        }
    }

    /** Issue 19 (finding 7): real damage is deleted and rebuilt from the topics. */
    @Test
    void damagedIndexIsDeletedAndOpenedEmpty() throws Exception {
        writeIndex(Checkpoint.LAYOUT, 3);
        Path segments;
        try (Stream<Path> files = Files.list(folder)) {
            segments = files.filter(file -> file.getFileName().toString().startsWith("segments_")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segments);
        bytes[bytes.length - 3] ^= 0x5a;
        Files.write(segments, bytes);

        try (ArticleIndex index = ArticleIndex.open(folder)) {
            assertThat(index.opened()).isEqualTo(Checkpoint.EMPTY);
            assertThat(index.writer().getDocStats().numDocs).isZero();
        }
    }

    @Test
    void indexOfAnotherLayoutIsDeletedAndOpenedEmpty() throws Exception {
        writeIndex("2", 3);

        try (ArticleIndex index = ArticleIndex.open(folder)) {
            assertThat(index.opened()).isEqualTo(Checkpoint.EMPTY);
            assertThat(index.writer().getDocStats().numDocs).isZero();
        }
    }

    /** Finding 7: the commit was read before the lock, so a second process of another layout wiped a live index. */
    @Test
    void folderHeldByAnotherWriterIsRefusedAndLeftAsItIsWhateverItsLayout() throws Exception {
        try (IndexWriter live = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig())) {
            live.addDocument(document("a0"));
            live.setLiveCommitData(Map.of("newsfeed.layout", "2").entrySet());
            live.commit();

            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ArticleIndex.open(folder));
            assertThat(refused).hasMessageContaining("another process").hasMessageContaining("data-dir");
            assertThat(live.getDocStats().numDocs).isEqualTo(1);
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(folder))) {
            assertThat(reader.numDocs()).as("not wiped").isEqualTo(1);
        }
    }

    /** Finding 7: too many open files, or a permission refused, is no reason to wipe the index. */
    @Test
    void folderThatCannotBeReadFailsTheOpenAndKeepsTheIndex() throws Exception {
        writeIndex(Checkpoint.LAYOUT, 2);
        AtomicBoolean failing = new AtomicBoolean(true);

        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> ArticleIndex.open(folder,
                path -> new FilterDirectory(FSDirectory.open(path)) {
                    @Override
                    public IndexInput openInput(String name, IOContext context) throws IOException {
                        if (failing.get()) {
                            throw new FileSystemException(path.resolve(name).toString(), null, "Too many open files");
                        }
                        return super.openInput(name, context);
                    }
                }));

        assertThat(failed).hasMessageContaining("Too many open files").hasMessageContaining("left as it is");
        try (ArticleIndex index = ArticleIndex.open(folder)) {
            assertThat(index.writer().getDocStats().numDocs).isEqualTo(2);
        }
    }

    /** Finding 3: a writer closed by a tragic error is opened anew by the view's rebuild (clear). */
    @Test
    void clearOpensANewWriterAfterATragicError() throws Exception {
        try (ArticleIndex index = ArticleIndex.open(folder)) {
            index.writer().addDocument(document("a0"));
            index.writer().onTragicEvent(new IOException("No space left on device"), "test");
            assertThat(index.writerFailure()).hasMessageContaining("No space left");

            index.clear(Checkpoint.EMPTY);

            assertThat(index.writerFailure()).isNull();
            index.writer().addDocument(document("a1"));
            index.refresh(new TreeMap<>(), Instant.EPOCH);
            ViewSearcher searcher = index.acquire();
            try {
                assertThat(searcher.getIndexReader().numDocs()).isEqualTo(1);
            } finally {
                index.release(searcher);
            }
        }
    }

    private void writeIndex(String layout, int documents) throws IOException {
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig())) {
            for (int i = 0; i < documents; i++) {
                writer.addDocument(document("a" + i));
            }
            Map<String, String> data = new HashMap<>(Checkpoint.EMPTY.userData());
            data.put("newsfeed.layout", layout);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }

    private static Document document(String id) {
        Document document = new Document();
        document.add(new StringField("id", id, Field.Store.YES));
        return document;
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
