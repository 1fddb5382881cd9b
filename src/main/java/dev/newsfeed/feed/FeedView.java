package dev.newsfeed.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Predicate;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * The latest feed: one entry per article id, the newest version of each, ordered newest publication first.
 *
 * <p>Changes arrive a poll batch at a time and each batch is applied whole under a write lock, so a
 * reader sees the view between two batches, never inside one, and nothing is copied per record: a replay of
 * the topic costs O(n log n), however it is batched. Reads take the read lock only for the few entries of one
 * page.
 */
public final class FeedView {

    private final Map<String, Article> byId = new HashMap<>();
    private final NavigableMap<FeedPosition, Article> ordered = new TreeMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Retraction> retractions = new HashMap<>();
    private Instant lastModified = Instant.EPOCH;

    /**
     * Applies one batch in order: a later change of an id replaces an earlier one. A retraction hides every
     * version of its article up to its own time, whichever topic's record arrives first, so a replay gives the
     * same view in any interleaving of the two topics.
     */
    public void apply(List<ArticleChange> batch) {
        lock.writeLock().lock();
        try {
            for (ArticleChange change : batch) {
                if (change.retraction() != null) {
                    retract(change.retraction());
                } else if (change.isRemoval()) {
                    remove(change.id());
                } else {
                    put(change.article());
                }
                if (change.at().isAfter(lastModified)) {
                    lastModified = change.at();
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void put(Article article) {
        Retraction retraction = retractions.get(article.id());
        if (retraction != null && !article.updatedAt().isAfter(retraction.retractedAt())) {
            return;
        }
        remove(article.id());
        byId.put(article.id(), article);
        ordered.put(FeedPosition.of(article), article);
    }

    private void remove(String id) {
        Article previous = byId.remove(id);
        if (previous != null) {
            ordered.remove(FeedPosition.of(previous));
        }
    }

    private void retract(Retraction retraction) {
        Retraction known = retractions.get(retraction.id());
        if (known != null && known.retractedAt().isAfter(retraction.retractedAt())) {
            return;
        }
        retractions.put(retraction.id(), retraction);
        Article current = byId.get(retraction.id());
        if (current != null && !current.updatedAt().isAfter(retraction.retractedAt())) {
            remove(retraction.id());
        }
    }

    /** The retraction of an article that the feed no longer shows because of it. */
    public Optional<Retraction> retraction(String id) {
        lock.readLock().lock();
        try {
            return byId.containsKey(id) ? Optional.empty() : Optional.ofNullable(retractions.get(id));
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

    public record TagCount(String tag, int count) {
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
            Iterator<Map.Entry<FeedPosition, Article>> entries = (after == null ? ordered : ordered.tailMap(after, false))
                    .entrySet().iterator();
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
            return new FeedPage(items, more ? FeedCursor.encode(last) : null);
        } finally {
            lock.readLock().unlock();
        }
    }
}
