package dev.newsfeed.view;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.SortedMap;
import java.util.stream.Stream;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NRTCachingDirectory;
import org.jboss.logging.Logger;

/**
 * The Lucene index behind the view: one {@link IndexWriter}, owned by whoever applies batches, and a
 * {@link SearcherManager} that hands every reader a snapshot, refreshed once per applied batch. A commit carries
 * its {@link Checkpoint} in its user data. An index that cannot be opened is deleted and started anew: the
 * topics rebuild it.
 */
final class ArticleIndex implements Closeable {

    private static final Logger LOG = Logger.getLogger(ArticleIndex.class);
    /**
     * Lucene's buffer before it writes a segment: a larger one makes a replay write fewer, larger segments and
     * merge less, and still fits a 256 MB heap with a batch of records beside it.
     */
    private static final double RAM_BUFFER_MB = 48;
    /**
     * Segments a refresh flushes, and merges of them, up to this size stay in memory until a commit writes them
     * (Lucene's {@link NRTCachingDirectory}): a writer waits for the refresh that shows its article, and a few
     * articles written to files, then merged and deleted again, cost that wait file-system calls for nothing.
     */
    private static final double MAX_CACHED_SEGMENT_MB = 4;
    private static final double MAX_CACHED_MB = 32;

    private final Directory directory;
    private final Analyzer analyzer = new ArticleAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Checkpoint opened;
    // Set by the applier just before a refresh, read by the searcher factory during it.
    private volatile SortedMap<String, Long> pendingNext;
    private volatile Instant pendingModified;

    private ArticleIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.opened = readCheckpoint(directory);
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
        // The view is rebuilt from Kafka as fast as the disk allows; nothing else on the machine is throttled for.
        merges.disableAutoIOThrottle();
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setMergeScheduler(merges)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                // A refresh never waits for merges: Lucene 9 lets it wait up to 500 ms for the tiny segments it
                // flushed to be merged, and every writer waits for the refresh that shows its article (issue 10:
                // a POST's p90 was 200 ms, its max 3 s). The merge scheduler merges them in the background anyway.
                .setMaxFullFlushMergeWaitMillis(0)
                // Only commits with a checkpoint count; what came after the last one is read again from Kafka.
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        this.pendingNext = opened.next();
        this.pendingModified = opened.lastModified();
        this.searchers = new SearcherManager(writer, true, false, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new ViewSearcher(reader, pendingNext, pendingModified);
            }
        });
    }

    /**
     * Opens the index in {@code folder}, creating it when missing. An index that cannot be read (damaged, of
     * another Lucene or layout) is deleted and created empty, to be rebuilt from the topics.
     *
     * @throws IllegalStateException when another process holds the folder
     */
    static ArticleIndex open(Path folder) {
        try {
            Files.createDirectories(folder);
            Directory directory = onDisk(folder);
            try {
                return new ArticleIndex(directory);
            } catch (LockObtainFailedException e) {
                directory.close();
                throw new IllegalStateException("another process uses the view's data folder " + folder
                        + ": give each instance its own newsfeed.view.data-dir", e);
            } catch (IOException | IllegalArgumentException e) {
                directory.close();
                LOG.warnf("The view's index in %s cannot be read (%s); deleting it to rebuild it from the topics",
                        folder, e.toString());
                deleteContents(folder);
                return new ArticleIndex(onDisk(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the view's index in " + folder, e);
        }
    }

    private static Directory onDisk(Path folder) throws IOException {
        return new NRTCachingDirectory(FSDirectory.open(folder), MAX_CACHED_SEGMENT_MB, MAX_CACHED_MB);
    }

    /** An index on the heap, for tests and tools. */
    static ArticleIndex inMemory() {
        try {
            return new ArticleIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Checkpoint readCheckpoint(Directory directory) throws IOException {
        try {
            return Checkpoint.of(SegmentInfos.readLatestCommit(directory).getUserData());
        } catch (IndexNotFoundException e) {
            return Checkpoint.EMPTY;
        }
    }

    /** The checkpoint of the commit the index was opened at. */
    Checkpoint opened() {
        return opened;
    }

    Analyzer analyzer() {
        return analyzer;
    }

    IndexWriter writer() {
        return writer;
    }

    /** Makes everything written so far visible to readers, as of the given positions. */
    void refresh(SortedMap<String, Long> next, Instant lastModified) throws IOException {
        pendingNext = next;
        pendingModified = lastModified;
        searchers.maybeRefreshBlocking();
    }

    void commit(Checkpoint checkpoint) throws IOException {
        writer.setLiveCommitData(checkpoint.userData().entrySet());
        writer.commit();
    }

    /** Drops every document and commits the empty index with {@code checkpoint}; readers see it at once. */
    void clear(Checkpoint checkpoint) throws IOException {
        writer.deleteAll();
        commit(checkpoint);
        refresh(checkpoint.next(), checkpoint.lastModified());
    }

    ViewSearcher acquire() {
        try {
            return (ViewSearcher) searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index cannot be read", e);
        }
    }

    void release(ViewSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                writer.close();
            } finally {
                directory.close();
            }
        }
    }

    private static void deleteContents(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                if (!path.equals(folder)) {
                    Files.delete(path);
                }
            }
        }
    }
}
