package dev.newsfeed.feed;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * The latest feed: one entry per article id, the newest version of each, ordered newest publication first.
 *
 * <p>Changes arrive a poll batch at a time and each batch is applied whole under a write lock, so a
 * reader sees the view between two batches, never inside one, and nothing is copied per record: a replay of
 * the topic costs O(n log n), however it is batched. Reads take the read lock only for the few entries of one
 * page.
 *
 * <p>It also keeps the {@link ChangeLog}: for every id the position of the record that decides its state, so
 * that a client holding a {@link ChangeSequence} gets what changed after it, and listeners hear of each change
 * as its batch is applied.
 */
public final class FeedView {

    private static final Logger LOG = Logger.getLogger(FeedView.class);

    private final Map<String, Article> byId = new HashMap<>();
    private final NavigableMap<FeedPosition, Article> ordered = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, LogPosition> versionAt = new HashMap<>();
    private final GoneArticles gone = new GoneArticles();
    private final ChangeLog changes = new ChangeLog();
    private final List<Consumer<List<FeedChange>>> listeners = new CopyOnWriteArrayList<>();
    private volatile ChangeHorizon horizon = ChangeHorizon.UNKNOWN;
    private Instant lastModified = Instant.EPOCH;

    /**
     * Applies one batch in order: a later change of an id replaces an earlier one. A retraction hides every
     * version of its article up to its own time, whichever topic's record arrives first, so a replay gives the
     * same view in any interleaving of the two topics.
     */
    public void apply(List<ArticleChange> batch) {
        lock.writeLock().lock();
        try {
            List<FeedChange> heard = listeners.isEmpty() ? null : new ArrayList<>();
            for (ArticleChange change : batch) {
                String id = change.id();
                changes.advance(change.position());
                if (change.retraction() != null) {
                    retract(change.retraction(), change.position());
                } else if (change.isRemoval()) {
                    remove(id);
                    gone.tombstoned(id, change.at(), change.position());
                } else if (put(change.article())) {
                    versionAt.put(id, change.position());
                    gone.returned(id);
                }
                GoneArticles.Decision decision = decide(id);
                if (decision == null) {
                    changes.place(id, null, null);
                } else {
                    changes.place(id, decision.position(), decision.at());
                }
                if (heard != null && decision != null && decision.position().equals(change.position())) {
                    heard.add(current(id, decision.at(), headNow().encode()));
                }
                if (change.at().isAfter(lastModified)) {
                    lastModified = change.at();
                }
            }
            if (heard != null && !heard.isEmpty()) {
                tell(heard);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A listener that fails is dropped, so that it cannot stop the view from applying the topic. */
    private void tell(List<FeedChange> heard) {
        for (Consumer<List<FeedChange>> listener : listeners) {
            try {
                listener.accept(heard);
            } catch (RuntimeException e) {
                listeners.remove(listener);
                LOG.warnf("Dropped a feed listener that failed: %s", e.toString());
            }
        }
    }

    /** The record that decides an id's state: its version while the feed shows it, else what took it out. */
    private GoneArticles.Decision decide(String id) {
        Article shown = byId.get(id);
        return shown != null ? new GoneArticles.Decision(versionAt.get(id), shown.updatedAt()) : gone.decide(id);
    }

    private FeedChange current(String id, Instant at, String sequence) {
        Article article = byId.get(id);
        return article != null ? FeedChange.of(sequence, article)
                : FeedChange.retracted(sequence, id, at, gone.retraction(id));
    }

    private boolean put(Article article) {
        if (gone.hides(article)) {
            return false;
        }
        remove(article.id());
        byId.put(article.id(), article);
        ordered.put(FeedPosition.of(article), article);
        return true;
    }

    private void remove(String id) {
        Article previous = byId.remove(id);
        if (previous != null) {
            ordered.remove(FeedPosition.of(previous));
        }
    }

    private void retract(Retraction retraction, LogPosition position) {
        Article current = byId.get(retraction.id());
        if (gone.retract(retraction, position) && current != null && gone.hides(current)) {
            remove(retraction.id());
        }
    }

    /**
     * What changed after {@code since} and before {@code upTo}, oldest first: the current state of each id
     * whose deciding record lies between them. Retractions pass every filter: a retracted article has no
     * text left to match.
     */
    public ChangesPage changes(ChangeSequence since, ChangeSequence upTo, int limit, Predicate<Article> filter) {
        Changes changes = changesBetween(since, upTo, limit, filter);
        return new ChangesPage(changes.items(), changes.next().encode(), changes.more());
    }

    /** {@link #changes} before it is encoded for the wire: what the stream follows page after page. */
    record Changes(List<FeedChange> items, ChangeSequence next, boolean more) {
    }

    Changes changesBetween(ChangeSequence since, ChangeSequence upTo, int limit, Predicate<Article> filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        lock.readLock().lock();
        try {
            ChangeLog.Scan scan = changes.after(since, upTo, limit, entry -> {
                Article article = byId.get(entry.id());
                return article == null || filter.test(article);
            });
            List<FeedChange> items = scan.entries().stream()
                    .map(placed -> current(placed.entry().id(), placed.entry().at(), placed.sequence().encode()))
                    .toList();
            return new Changes(items, scan.next(), scan.more());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What changed after {@code since}, up to now. */
    public ChangesPage changes(ChangeSequence since, int limit, Predicate<Article> filter) {
        return changes(since, head(), limit, filter);
    }

    /** The sequence after every change applied so far, issued now. */
    public ChangeSequence head() {
        lock.readLock().lock();
        try {
            return headNow();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Registers a listener for the changes of every batch applied from now on, and returns the sequence
     * before the first of them: what a listener gets and what {@link #changes} lists up to that sequence
     * are, together, every change. The listener runs under the view's lock: it must hand the changes on and
     * return at once.
     */
    public ChangeSequence subscribe(Consumer<List<FeedChange>> listener) {
        lock.readLock().lock();
        try {
            listeners.add(listener);
            return headNow();
        } finally {
            lock.readLock().unlock();
        }
    }

    public void unsubscribe(Consumer<List<FeedChange>> listener) {
        listeners.remove(listener);
    }

    /** The sequence after everything applied, issued now; under the lock. */
    private ChangeSequence headNow() {
        return changes.head(horizon.topicId(), issueTime());
    }

    /**
     * A client's since token, decoded and checked against the horizon.
     *
     * @throws InvalidSinceException when this feed did not issue it (400)
     * @throws SinceExpiredException when the topic no longer proves what came after it (410)
     */
    public ChangeSequence resumeFrom(String token) {
        ChangeSequence since = ChangeSequence.decode(token);
        horizon.check(since, Instant.now());
        return since;
    }

    /**
     * Tokens are stamped to the hour: the same view gives the same bytes for an hour on every instance (so
     * ETags hold), and a token only ever looks older than it is, never younger.
     */
    private static Instant issueTime() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    /** What decides how old a since token may be; set by whoever reads the topic. */
    public ChangeHorizon horizon() {
        return horizon;
    }

    public void horizon(ChangeHorizon horizon) {
        this.horizon = horizon;
    }

    /** The retraction of an article that the feed no longer shows because of it. */
    public Optional<Retraction> retraction(String id) {
        lock.readLock().lock();
        try {
            return byId.containsKey(id) ? Optional.empty() : Optional.ofNullable(gone.retraction(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<Article> find(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether the view holds exactly this version of the article. */
    public boolean holds(String id, String contentHash) {
        return find(id).map(article -> article.contentHash().equals(contentHash)).orElse(false);
    }

    /** When the view last changed: the latest update time of what it applied; the epoch while empty. */
    public Instant lastModified() {
        lock.readLock().lock();
        try {
            return lastModified;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many articles carry each tag, most used first, then by name. */
    public List<TagCount> tags() {
        Map<String, Integer> counts = new HashMap<>();
        lock.readLock().lock();
        try {
            for (Article article : byId.values()) {
                article.tags().forEach(tag -> counts.merge(tag, 1, Integer::sum));
            }
        } finally {
            lock.readLock().unlock();
        }
        return counts.entrySet().stream().map(e -> new TagCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(TagCount::count).reversed().thenComparing(TagCount::tag))
                .toList();
    }

    public int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
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

    /**
     * The {@code limit} articles that follow the cursor and pass the filter. A filter that few articles pass
     * walks much of the view for one page: fine for tens of thousands of articles, an index when more.
     */
    public FeedPage page(String cursor, int limit, Predicate<Article> filter) throws InvalidCursorException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        FeedPosition after = cursor == null || cursor.isEmpty() ? null : FeedCursor.decode(cursor);
        lock.readLock().lock();
        try {
            NavigableMap<FeedPosition, Article> rest = after == null ? ordered : ordered.tailMap(after, false);
            Iterator<Map.Entry<FeedPosition, Article>> entries = rest.entrySet().iterator();
            List<Article> items = new ArrayList<>(Math.min(limit, byId.size()));
            FeedPosition last = null;
            boolean more = false;
            while (entries.hasNext()) {
                Map.Entry<FeedPosition, Article> entry = entries.next();
                if (!filter.test(entry.getValue())) {
                    continue;
                }
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(entry.getValue());
                last = entry.getKey();
            }
            return new FeedPage(items, more ? FeedCursor.encode(last) : null,
                    headNow().encode());
        } finally {
            lock.readLock().unlock();
        }
    }
}
