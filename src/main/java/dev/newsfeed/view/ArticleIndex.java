package dev.newsfeed.view;

import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NRTCachingDirectory;
import org.jboss.logging.Logger;

/**
 * The Lucene index behind the view: one {@link IndexWriter}, owned by whoever applies batches, and a
 * {@link SearcherManager} that hands every reader a snapshot, refreshed once per applied batch. A commit carries
 * its {@link Checkpoint} in its user data.
 *
 * <p>An index is deleted only when it is damaged or of another layout, decided while holding the folder's write
 * lock: any other failure to open it (permissions, too many open files, an interrupt, another process) fails, and
 * the index stays for the next try. A writer closed by a tragic error (a disk that filled during a flush) is opened
 * anew by {@link #clear}, which the view's rebuild calls.
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
    /** Buffered documents worth flushing on two threads: about a thousand articles of 2 KB. */
    private static final long PARALLEL_FLUSH_BYTES = 8L * 1024 * 1024;

    /**
     * How the folder's files are reached: on disk in production, a fault-injecting or counting wrapper in tests. The
     * index keeps small segments in memory in front of it ({@link SmallSegmentCache}).
     */
    @FunctionalInterface
    interface Directories {
        Directory open(Path folder) throws IOException;
    }

    private final Directory directory;
    /** Null for an index on the heap. */
    private final SmallSegmentCache cache;
    private final Analyzer analyzer = new ArticleAnalyzer();
    private final Checkpoint opened;
    // Replaced together, under "this", when a writer closed by a tragic error is opened anew.
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    // Set by the applier just before a refresh, read by the searcher factory during it.
    private volatile SortedMap<String, Long> pendingNext;
    private volatile Instant pendingModified;

    private ArticleIndex(Directory directory, SmallSegmentCache cache, Checkpoint opened,
            IndexWriterConfig.OpenMode mode) throws IOException {
        this.directory = directory;
        this.cache = cache;
        this.opened = opened;
        this.pendingNext = opened.next();
        this.pendingModified = opened.lastModified();
        this.writer = new IndexWriter(directory, config(mode));
        this.searchers = searchersOf(writer);
    }

    private IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
        // The view is rebuilt from Kafka as fast as the disk allows; nothing else on the machine is throttled for.
        merges.disableAutoIOThrottle();
        return new IndexWriterConfig(analyzer)
                .setMergeScheduler(merges)
                .setOpenMode(mode)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                // A refresh never waits for merges: Lucene 9 lets it wait up to 500 ms for the tiny segments it
                // flushed to be merged, and every writer waits for the refresh that shows its article (issue 10:
                // a POST's p90 was 200 ms, its max 3 s). The merge scheduler merges them in the background anyway.
                .setMaxFullFlushMergeWaitMillis(0)
                // Only commits with a checkpoint count; what came after the last one is read again from Kafka.
                .setCommitOnClose(false);
    }

    private SearcherManager searchersOf(IndexWriter indexWriter) throws IOException {
        return new SearcherManager(indexWriter, true, false, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                return new ViewSearcher(reader, pendingNext, pendingModified);
            }
        });
    }

    /**
     * Opens the index in {@code folder}, creating it when missing. An index that is damaged or of another Lucene or
     * layout is deleted and created empty, to be rebuilt from the topics; nothing else deletes it.
     *
     * @throws IllegalStateException when another process holds the folder
     * @throws UncheckedIOException when the folder cannot be read or written (permissions, too many open files, an
     *         interrupt): the index is left as it is
     */
    static ArticleIndex open(Path folder) {
        return open(folder, FSDirectory::open);
    }

    static ArticleIndex open(Path folder, Directories directories) {
        Directory directory = null;
        try {
            Files.createDirectories(folder);
            SmallSegmentCache cache = new SmallSegmentCache(directories.open(folder), MAX_CACHED_SEGMENT_MB,
                    MAX_CACHED_MB);
            directory = cache;
            Checkpoint checkpoint;
            IndexWriterConfig.OpenMode mode;
            // The writer's own lock, taken before anything is read: a second process on the folder is refused
            // before its commit is judged, and nothing is deleted under a process that writes it.
            try (Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
                String unusable = null;
                try {
                    checkpoint = readCheckpoint(directory);
                } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                        | NoSuchFileException | FileNotFoundException e) {
                    // Missing files are damage too: the last commit names files that are gone.
                    unusable = e.toString();
                    checkpoint = Checkpoint.EMPTY;
                } catch (Checkpoint.LayoutMismatchException e) {
                    unusable = e.getMessage();
                    checkpoint = Checkpoint.EMPTY;
                }
                if (unusable != null) {
                    LOG.warnf("The view's index in %s cannot be used (%s); deleting it to rebuild it from the topics",
                            folder, unusable);
                    deleteIndexFiles(directory);
                    mode = IndexWriterConfig.OpenMode.CREATE;
                } else {
                    mode = IndexWriterConfig.OpenMode.CREATE_OR_APPEND;
                }
            }
            return new ArticleIndex(directory, cache, checkpoint, mode);
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new IllegalStateException("another process uses the view's data folder " + folder
                    + ": give each instance its own newsfeed.view.data-dir", e);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new UncheckedIOException("cannot open the view's index in " + folder + " (" + e
                    + "); it was left as it is: mend the cause (permissions, open files, disk) and start again, or"
                    + " delete the folder to rebuild the view from the topics", e);
        }
    }

    /** An index on the heap, for tests and tools. */
    static ArticleIndex inMemory() {
        try {
            return new ArticleIndex(new ByteBuffersDirectory(), null, Checkpoint.EMPTY,
                    IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
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

    /**
     * Why the writer can no longer write: the tragic error that closed it (a disk full during a flush or a merge,
     * which may have happened on a merge thread), or null while it can.
     */
    Throwable writerFailure() {
        IndexWriter current = writer;
        Throwable tragedy = current.getTragicException();
        if (tragedy != null) {
            return tragedy;
        }
        return current.isOpen() ? null : new AlreadyClosedException("the view's index writer is closed");
    }

    /**
     * Writes the documents buffered in memory as segments on two threads, this one and {@code other}, when they are
     * many (a replay's): a refresh or a commit flushes every buffer on its own thread, one after the other, while the
     * second indexing thread waits. A few buffered documents (a write that waits for its refresh) are left to it.
     */
    void flushBuffers(ExecutorService other) throws IOException {
        IndexWriter current = writer;
        if (current.ramBytesUsed() < PARALLEL_FLUSH_BYTES) {
            return;
        }
        TwoThreads.run(other, () -> flushAll(current), () -> flushAll(current), "flushing the view's index");
    }

    private static void flushAll(IndexWriter writer) throws IOException {
        // Each call takes a buffer no other thread is flushing: two threads flush two buffers at once.
        while (writer.flushNextBuffer()) {
            // the next one
        }
    }

    /**
     * Whether the documents written next are few and shown by a refresh right after them (a write's batch, not a
     * replay's): the segment they begin then stays in memory until a merge or a commit takes it.
     */
    void nextSegmentSmall(boolean small) {
        if (cache != null) {
            cache.nextSegmentSmall(small);
        }
    }

    /**
     * Writes what a small batch that failed half-way buffered as a segment of its own, not shown to readers: left in
     * the buffer, its stored fields (in memory) would grow with whatever is written next, a replay's too. Quietly:
     * the batch's own failure is what its caller hears.
     */
    void closeSmallSegment() {
        try {
            writer.flush();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Flushing what a failed batch wrote failed too: %s", e);
        }
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

    /**
     * Drops every document and commits the empty index with {@code checkpoint}; readers see it at once. A writer
     * that a tragic error closed is opened anew first: what it held is read again from the topics anyway.
     */
    synchronized void clear(Checkpoint checkpoint) throws IOException {
        if (writerFailure() != null) {
            reopen();
        }
        writer.deleteAll();
        commit(checkpoint);
        refresh(checkpoint.next(), checkpoint.lastModified());
    }

    private void reopen() throws IOException {
        LOG.warnf("Opening the view's index writer anew after it failed: %s", writerFailure());
        IndexWriter failed = writer;
        // A tragic error rolled the writer back and released its lock; close() is a no-op then, but says so.
        failed.close();
        IndexWriter fresh = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
        SearcherManager before = searchers;
        try {
            searchers = searchersOf(fresh);
        } catch (IOException | RuntimeException e) {
            fresh.rollback();
            throw e;
        }
        writer = fresh;
        // Searchers acquired from the old manager are released to their reader, whichever manager made them.
        before.close();
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

    /** Every file of the index but the lock, which is held while this runs. */
    private static void deleteIndexFiles(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
                directory.deleteFile(file);
            }
        }
    }

    private static void closeQuietly(Directory directory) {
        if (directory == null) {
            return;
        }
        try {
            directory.close();
        } catch (IOException e) {
            LOG.debugf("Closing the view's folder failed too: %s", e);
        }
    }
}
