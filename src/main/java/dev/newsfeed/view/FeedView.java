package dev.newsfeed.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.jboss.logging.Logger;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * The latest feed: one document per article id in a Lucene index on local disk, newest publication first.
 *
 * <p>One thread applies the topics' records, a batch at a time: it owns the index writer, and makes each batch
 * visible at once, as one snapshot, after it is written. Readers never wait: each request reads one snapshot
 * and the since token of that same snapshot. Nothing per article is kept on the heap.
 *
 * <p>{@link #commit()} writes the index with the Kafka positions it reflects ({@link Checkpoint}); a view opened
 * on that folder again starts from there. Deleting the folder is always safe: the topics rebuild it.
 */
public final class FeedView implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FeedView.class);

    /** A page of changes before it is encoded for the wire: what the stream follows page after page. */
    public record Changes(List<FeedChange> items, ChangeSequence next, boolean more) {
    }

    /** A batch this large comes from a replay: its changes may wait a few seconds before they are visible. */
    private static final int REPLAY_BATCH = 1_000;
    private static final Duration MAX_INVISIBLE = Duration.ofSeconds(30);
    /** Batches at least this large are written on two threads. */
    private static final int PARALLEL_WRITE_THRESHOLD = 256;

    private final ArticleIndex index;
    private final Clock clock;
    private final ExecutorService indexer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "newsfeed-view-indexer");
        thread.setDaemon(true);
        return thread;
    });
    private final AppliedWaiters waiters;
    private final ChangeBus bus;
    private volatile ChangeHorizon horizon = ChangeHorizon.UNKNOWN;

    // Written by the applying thread under "this".
    private TreeMap<String, Long> next;
    private Instant lastModified;
    private String articlesTopicId;
    private String retractionsTopicId;
    private boolean uncommitted;
    /** Whether documents were written that readers do not see yet. */
    private boolean invisible;
    private Instant visibleAt;
    /**
     * The ids written since the index was last seen empty by {@link #write}; null when it held documents before
     * (opened on a full folder) or the set outgrew its bound: then every id is looked up.
     */
    private WrittenIds written;

    private FeedView(ArticleIndex index, Clock clock) {
        this.index = index;
        this.clock = clock;
        Checkpoint opened = index.opened();
        this.next = new TreeMap<>(opened.next());
        this.lastModified = opened.lastModified();
        this.articlesTopicId = opened.articlesTopicId();
        this.retractionsTopicId = opened.retractionsTopicId();
        this.bus = new ChangeBus(opened.next());
        this.waiters = new AppliedWaiters(opened.next());
        this.visibleAt = clock.instant();
    }

    /** The view kept in {@code folder}, as its last commit left it; a folder that is missing or unreadable starts empty. */
    public static FeedView open(Path folder) {
        return new FeedView(ArticleIndex.open(folder), Clock.systemUTC());
    }

    public static FeedView open(Path folder, Clock clock) {
        return new FeedView(ArticleIndex.open(folder), clock);
    }

    /** The view in {@code folder}, its files reached through {@code directories} (a wrapper that counts, in tests). */
    static FeedView open(Path folder, ArticleIndex.Directories directories) {
        return new FeedView(ArticleIndex.open(folder, directories), Clock.systemUTC());
    }

    /** A view on the heap, for tests and tools: nothing survives it. */
    public static FeedView inMemory() {
        return new FeedView(ArticleIndex.inMemory(), Clock.systemUTC());
    }

    public static FeedView inMemory(Clock clock) {
        return new FeedView(ArticleIndex.inMemory(), clock);
    }

    /** What the view holds now, whether committed or not: the positions it applied up to and its topics. */
    public synchronized Checkpoint checkpoint() {
        return new Checkpoint(articlesTopicId, retractionsTopicId, next, lastModified);
    }

    /** Names the topics the view reads, to be kept with its checkpoint. */
    public synchronized void topics(String articlesId, String retractionsId) {
        if (!checkpoint().readFrom(articlesId, retractionsId)) {
            throw new IllegalStateException("the view holds other topics; rebuild it first");
        }
        articlesTopicId = articlesId;
        retractionsTopicId = retractionsId;
    }

    /** Why the view's index can no longer be written (a tragic writer error), or null while it can. */
    public Throwable writerFailure() {
        return index.writerFailure();
    }

    /** Empties the view, to read the topics again from their beginning. */
    public synchronized void rebuild(String why) {
        LOG.warnf("Rebuilding the feed view from the beginning of the topics: %s", why);
        // Last-Modified never goes back: clients who saw the old view must not get a 304 for the rebuilt one.
        Instant modified = later(lastModified);
        try {
            index.clear(new Checkpoint(null, null, new TreeMap<>(), modified));
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be cleared", e);
        }
        next = new TreeMap<>();
        articlesTopicId = null;
        retractionsTopicId = null;
        lastModified = modified;
        uncommitted = false;
        invisible = false;
        publish(List.of());
    }

    /** Applies one batch in order: a later record of an id replaces what an earlier one said. */
    public void apply(List<ArticleChange> batch) {
        apply(batch, Map.of());
    }

    /**
     * Applies one batch in order, and makes it visible as one snapshot unless it is a large one that nobody listens
     * to or waits for (a replay): that is shown with what follows it, by {@link #refresh()} at the latest.
     *
     * @param readUpTo for every log, the offset after the last record read, including records that were not
     *        articles and were skipped: the view has seen up to there
     * @return whether the view shows the batch now
     */
    public synchronized boolean apply(List<ArticleChange> batch, Map<String, Long> readUpTo) {
        Map<String, ArticleState> touched = new LinkedHashMap<>();
        List<FeedChange> heard = bus.listened() ? new ArrayList<>() : null;
        // Moved on a copy: a batch that fails half-way leaves the positions where they were, to be read again.
        TreeMap<String, Long> reached = new TreeMap<>(next);
        if (invisible && mayHoldAny(batch)) {
            // Every change is applied to the whole state of its id (the version a retraction hides, a tombstone
            // removes or a resend repeats), which may lie in what an earlier batch of a replay wrote unseen.
            makeVisible(List.of());
        }
        // A small batch is shown right after it is written, so the segment it begins may stay in memory; the setting
        // holds until the next batch, through the refresh that writes the segment's last files.
        boolean small = batch.size() < REPLAY_BATCH;
        boolean written = false;
        ViewSearcher searcher = index.acquire();
        try {
            for (ArticleChange change : batch) {
                LogPosition position = change.position();
                reached.merge(position.log(), position.offset() + 1, Math::max);
                ArticleState before = touched.get(change.id());
                if (before == null) {
                    before = lookUp(searcher, change.id());
                }
                ArticleState after = before.apply(change);
                touched.put(change.id(), after);
                // Heard when what decides the id moves: a record that changes nothing a client sees is not news.
                if (heard != null && after.decision() != null && !after.decision().equals(before.decision())) {
                    heard.add(after.change(sequence(reached, issueTime()).encode()));
                }
            }
            readUpTo.forEach((log, offset) -> reached.merge(log, offset, Math::max));
            index.nextSegmentSmall(small);
            write(new ArrayList<>(touched.values()));
            written = true;
            if (!touched.isEmpty()) {
                lastModified = later(lastModified);
                invisible = true;
            }
            uncommitted |= !reached.equals(next);
            next = reached;
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be written", e);
        } finally {
            if (small && !written) {
                // Not shown, what it wrote would stay in a segment held in memory, for the next batch to grow.
                index.closeSmallSegment();
            }
            index.release(searcher);
        }
        if (heard != null || waiters.waiting() || small
                || clock.instant().isAfter(visibleAt.plus(MAX_INVISIBLE))) {
            makeVisible(heard == null ? List.of() : heard);
            return true;
        }
        return false;
    }

    /**
     * Makes everything applied so far visible to readers as one snapshot, and tells the listeners. A replay,
     * which nobody reads yet, is made visible when it reaches the end of the topics, or every half minute: each
     * time writes a segment of the index, and a segment per poll would spend most of a replay writing and merging
     * small segments.
     */
    public synchronized void refresh() {
        if (invisible || !bus.head().equals(next)) {
            makeVisible(List.of());
        }
    }

    private void makeVisible(List<FeedChange> heard) {
        try {
            index.flushBuffers(indexer);
            index.refresh(new TreeMap<>(next), lastModified);
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be refreshed", e);
        }
        invisible = false;
        visibleAt = clock.instant();
        publish(heard);
    }

    /**
     * Whether an id of the batch may have a document in the index: only then must documents written unseen be made
     * visible before the batch is applied. A cold rebuild of distinct ids never needs it, and writes its replay in
     * segments as large as the RAM buffer, flushed by both indexing threads, instead of one refresh per batch.
     */
    private boolean mayHoldAny(List<ArticleChange> batch) {
        for (ArticleChange change : batch) {
            if (written == null || written.mayHold(change.id())) {
                return true;
            }
        }
        return false;
    }

    /** What the index holds of an id: nothing, without a seek, when it was never written to this index. */
    private ArticleState lookUp(ViewSearcher searcher, String id) throws IOException {
        if (written != null && !written.mayHold(id)) {
            return ArticleState.none(id);
        }
        return IdLookup.find(searcher, ArticleDocuments.ID, id).orElseGet(() -> ArticleState.none(id));
    }

    /**
     * Writes the documents of a batch, a large one on two threads: analysing text is most of the work of a
     * replay, and documents of distinct ids may be written in any order. An id never written to the index is
     * added without a delete-by-term, which a replay would otherwise apply to every segment it flushes.
     */
    private void write(List<ArticleState> states) throws IOException {
        // Counts every document the writer holds or is adding, flushed and not yet published ones too (which a
        // doc count misses for a moment): zero only when the index is empty, as opened or cleared by a rebuild.
        if (index.writer().getPendingNumDocs() == 0) {
            written = new WrittenIds();
        } else if (written != null && !written.known()) {
            written = null;
        }
        boolean[] fresh = new boolean[states.size()];
        if (written != null) {
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = !written.mayHold(states.get(i).id());
            }
            // Before the documents are written: a batch that fails half-way is read again, and its ids are then
            // looked up and replaced, never added twice.
            states.forEach(state -> written.add(state.id()));
        }
        if (states.size() < PARALLEL_WRITE_THRESHOLD) {
            writeDocuments(states, fresh, 0);
            return;
        }
        int half = states.size() / 2;
        TwoThreads.run(indexer, () -> writeDocuments(states.subList(half, states.size()), fresh, half),
                () -> writeDocuments(states.subList(0, half), fresh, 0), "writing the view's index");
    }

    private void writeDocuments(List<ArticleState> states, boolean[] fresh, int from) throws IOException {
        IndexWriter writer = index.writer();
        for (int i = 0; i < states.size(); i++) {
            ArticleState state = states.get(i);
            if (fresh[from + i]) {
                writer.addDocument(ArticleDocuments.document(state));
            } else {
                writer.updateDocument(ArticleDocuments.idTerm(state.id()), ArticleDocuments.document(state));
            }
        }
    }

    /**
     * The time of a change: now to the second, and a second after the last change at least, so that a client
     * who read the view before never sees the same {@code Last-Modified} for a changed one, whatever the
     * records' own times are.
     */
    private Instant later(Instant last) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant after = last.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        return now.isAfter(after) ? now : after;
    }

    /** Moves the head streams start from, tells them of the changes up to it, and releases the writers it passed. */
    private void publish(List<FeedChange> heard) {
        SortedMap<String, Long> head = new TreeMap<>(next);
        bus.publish(head, heard);
        waiters.advance(head);
    }

    /** Writes everything applied so far to disk with its checkpoint; nothing when nothing changed. */
    public synchronized void commit() {
        refresh();
        if (!uncommitted) {
            return;
        }
        try {
            index.commit(checkpoint());
            uncommitted = false;
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be committed", e);
        }
    }

    /**
     * Completes once the view has applied the record at {@code position}, and shows what it says; fails with a
     * {@link java.util.concurrent.TimeoutException} when it has not after {@code timeout}.
     */
    public CompletionStage<Void> applied(LogPosition position, Duration timeout) {
        // Not under the listeners' lock: with a thousand streams, telling them of a batch holds it for a while.
        return waiters.await(position, timeout);
    }

    /**
     * Completes once the view shows every record before {@code ends} (for every log, the offset after its last
     * record), so that what is decided next is decided on everything Kafka held then; fails with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}.
     */
    public CompletionStage<Void> reached(Map<String, Long> ends, Duration timeout) {
        return waiters.await(ends, timeout);
    }

    /**
     * For every log, the offset of the first record the view does not show yet: what every reader sees at least.
     * Read without waiting for a batch being applied.
     */
    public Map<String, Long> shown() {
        return waiters.shown();
    }

    /**
     * Registers a listener for the changes of every batch applied from now on, and returns the sequence
     * before the first of them: what a listener gets and what {@link #changes} lists up to that sequence
     * are, together, every change. The listener runs on the applying thread: it must hand the changes on and
     * return at once.
     */
    public ChangeSequence subscribe(Consumer<List<FeedChange>> listener) {
        // Everything applied must be visible first: what is not would be neither replayed nor heard.
        synchronized (this) {
            refresh();
            return sequence(bus.subscribe(listener), issueTime());
        }
    }

    public void unsubscribe(Consumer<List<FeedChange>> listener) {
        bus.unsubscribe(listener);
    }

    /** The first page of the feed. */
    public FeedPage page(int limit) {
        return page(null, limit);
    }

    /**
     * The {@code limit} articles that follow the cursor (from the newest when it is null or empty).
     *
     * @throws InvalidCursorException when the cursor was not issued by {@link FeedPage#next()}
     */
    public FeedPage page(String cursor, int limit) throws InvalidCursorException {
        return page(cursor, limit, FeedFilter.NONE);
    }

    public FeedPage page(String cursor, int limit, FeedFilter filter) throws InvalidCursorException {
        return page(cursor, limit, filter, FeedOrder.NEWEST);
    }

    /** The {@code limit} articles that follow the cursor in {@code order} and pass the filter. */
    public FeedPage page(String cursor, int limit, FeedFilter filter, FeedOrder order) throws InvalidCursorException {
        requirePositive(limit);
        FieldDoc after = cursor == null || cursor.isEmpty() ? null : FeedCursor.after(cursor, order);
        ViewSearcher searcher = index.acquire();
        try {
            // Only the page is wanted, not a count of every match: the sorted index stops after it.
            TopDocs top = searcher.search(filter.toQuery(),
                    new TopFieldCollectorManager(order.sort, limit + 1, after, limit + 1));
            ScoreDoc[] hits = top.scoreDocs;
            int shown = Math.min(limit, hits.length);
            List<Article> items = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                items.add(ArticleDocuments.version(searcher.stored(), hits[i].doc));
            }
            String nextCursor = null;
            if (hits.length > limit) {
                FeedPosition last = FeedPosition.of(items.get(shown - 1));
                nextCursor = order == FeedOrder.RELEVANCE
                        ? FeedCursor.encode((Float) ((FieldDoc) hits[shown - 1]).fields[0], last)
                        : FeedCursor.encode(last);
            }
            return new FeedPage(items, nextCursor, sequence(searcher.next(), issueTime()).encode());
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be read", e);
        } finally {
            index.release(searcher);
        }
    }

    /**
     * What changed after {@code since}, up to now, oldest first: the current state of each id whose deciding
     * record lies after it.
     */
    public ChangesPage changes(ChangeSequence since, int limit, FeedFilter filter) {
        requirePositive(limit);
        ViewSearcher searcher = index.acquire();
        try {
            Changes changes = ChangeScan.between(searcher, since, sequence(searcher.next(), issueTime()), limit,
                    filter);
            return new ChangesPage(changes.items(), changes.next().encode(), changes.more());
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be read", e);
        } finally {
            index.release(searcher);
        }
    }

    /** What changed after {@code since} and before {@code upTo}, oldest first. */
    public ChangesPage changes(ChangeSequence since, ChangeSequence upTo, int limit, FeedFilter filter) {
        Changes changes = changesBetween(since, upTo, limit, filter);
        return new ChangesPage(changes.items(), changes.next().encode(), changes.more());
    }

    /** {@link #changes(ChangeSequence, ChangeSequence, int, FeedFilter)} before it is encoded for the wire. */
    public Changes changesBetween(ChangeSequence since, ChangeSequence upTo, int limit, FeedFilter filter) {
        requirePositive(limit);
        ViewSearcher searcher = index.acquire();
        try {
            return ChangeScan.between(searcher, since, upTo, limit, filter);
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be read", e);
        } finally {
            index.release(searcher);
        }
    }

    private ChangeSequence sequence(SortedMap<String, Long> positions, Instant issued) {
        return new ChangeSequence(horizon.topicId(), issued, positions);
    }

    /**
     * A client's since token, decoded and checked against the horizon.
     *
     * @throws InvalidSinceException when this feed did not issue it (400)
     * @throws SinceExpiredException when the topic no longer proves what came after it (410)
     */
    public ChangeSequence resumeFrom(String token) {
        ChangeSequence since = ChangeSequence.decode(token);
        horizon.check(since, clock.instant());
        return since;
    }

    /**
     * Tokens are stamped to the hour: the same view gives the same bytes for an hour on every instance (so
     * ETags hold), and a token only ever looks older than it is, never younger.
     */
    private Instant issueTime() {
        return clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    /** What decides how old a since token may be; set by whoever reads the topic. */
    public ChangeHorizon horizon() {
        return horizon;
    }

    public void horizon(ChangeHorizon horizon) {
        this.horizon = horizon;
    }

    /** The article as the feed shows it. */
    public Optional<Article> find(String id) {
        return state(id).filter(ArticleState::shown).map(ArticleState::version);
    }

    /** The retraction of an article that the feed no longer shows because of it. */
    public Optional<Retraction> retraction(String id) {
        return state(id).filter(state -> !state.shown()).map(ArticleState::retraction);
    }

    /**
     * Retractions whose version is still on the articles topic with no tombstone after it, oldest retraction
     * first: the tombstone that should have followed each failed to be written (or is being written now).
     */
    public List<Retraction> awaitingTombstone(int limit) {
        return awaiting(ArticleDocuments.TOMBSTONE, ArticleState::retraction, Comparator.comparing(Retraction::retractedAt),
                limit);
    }

    /**
     * Versions the feed shows that a tombstone meant for another version of their id came after, oldest first: each
     * must be written to the articles topic again, or compaction drops it (see {@link ArticleState}).
     */
    public List<Article> awaitingRewrite(int limit) {
        return awaiting(ArticleDocuments.REWRITE, ArticleState::version, Comparator.comparing(Article::updatedAt), limit);
    }

    /** What the documents marked as awaiting {@code what} hold, in {@code order}. */
    private <T> List<T> awaiting(String what, Function<ArticleState, T> part, Comparator<T> order, int limit) {
        requirePositive(limit);
        ViewSearcher searcher = index.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(ArticleDocuments.AWAITS, what)), limit);
            List<T> found = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                found.add(part.apply(ArticleDocuments.state(searcher.stored(), hit.doc)));
            }
            found.sort(order);
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be read", e);
        } finally {
            index.release(searcher);
        }
    }

    /** What the view knows of an id, read once: the version it shows, and its latest retraction (shown or not). */
    public record Known(Optional<Article> shown, Optional<Retraction> retraction) {
    }

    /** The article shown and its latest retraction, whether or not a newer version is shown since: one lookup. */
    public Known known(String id) {
        Optional<ArticleState> state = state(id);
        return new Known(state.filter(ArticleState::shown).map(ArticleState::version),
                state.map(ArticleState::retraction));
    }

    /** Whether the view shows exactly this version of the article. */
    public boolean holds(String id, String contentHash) {
        return find(id).map(article -> article.contentHash().equals(contentHash)).orElse(false);
    }

    private Optional<ArticleState> state(String id) {
        ViewSearcher searcher = index.acquire();
        try {
            return IdLookup.find(searcher, ArticleDocuments.ID, id);
        } catch (IOException e) {
            throw new UncheckedIOException("the view's index could not be read", e);
        } finally {
            index.release(searcher);
        }
    }

    /**
     * A number that changes whenever what the view shows may have changed: the version of its current snapshot,
     * for caches of what was rendered from it.
     */
    public long snapshot() {
        ViewSearcher searcher = index.acquire();
        try {
            return ((DirectoryReader) searcher.getIndexReader()).getVersion();
        } finally {
            index.release(searcher);
        }
    }

    /** When the view last changed, to the second; the epoch while it never did. */
    public Instant lastModified() {
        ViewSearcher searcher = index.acquire();
        try {
            return searcher.lastModified();
        } finally {
            index.release(searcher);
        }
    }

    /** How many articles carry each tag, most used first, then by name. */
    public List<TagCount> tags() {
        ViewSearcher searcher = index.acquire();
        try {
            return searcher.tags();
        } finally {
            index.release(searcher);
        }
    }

    /** How many articles the feed shows. */
    public int size() {
        ViewSearcher searcher = index.acquire();
        try {
            return searcher.size();
        } finally {
            index.release(searcher);
        }
    }

    /** Commits what was applied and closes the index. */
    @Override
    public synchronized void close() {
        try {
            commit();
        } finally {
            indexer.shutdownNow();
            try {
                index.close();
            } catch (IOException e) {
                LOG.warnf("The view's index did not close cleanly: %s", e.toString());
            }
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }
}
