package dev.newsfeed.feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * What took articles out of the feed, each with the position of its record: retractions, which hide every
 * version up to their time whichever topic is read first, and tombstones. Not thread-safe: {@link FeedView}
 * guards it with its lock.
 */
final class GoneArticles {

    /** The record that decides an id's state, and when it happened. */
    record Decision(LogPosition position, Instant at) {
    }

    private final Map<String, Retraction> retractions = new HashMap<>();
    private final Map<String, LogPosition> retractionAt = new HashMap<>();
    private final Map<String, Decision> tombstones = new HashMap<>();

    /** Keeps a retraction unless a later one of the same article is known; whether it was kept. */
    boolean retract(Retraction retraction, LogPosition position) {
        Retraction known = retractions.get(retraction.id());
        if (known != null && known.retractedAt().isAfter(retraction.retractedAt())) {
            return false;
        }
        retractions.put(retraction.id(), retraction);
        retractionAt.put(retraction.id(), position);
        return true;
    }

    void tombstoned(String id, Instant at, LogPosition position) {
        tombstones.put(id, new Decision(position, at));
    }

    /** A version of the article is back in the feed: its earlier tombstone no longer decides anything. */
    void returned(String id) {
        tombstones.remove(id);
    }

    /** Whether a known retraction covers this version: it was not updated after the retraction. */
    boolean hides(Article version) {
        Retraction retraction = retractions.get(version.id());
        return retraction != null && !version.updatedAt().isAfter(retraction.retractedAt());
    }

    Retraction retraction(String id) {
        return retractions.get(id);
    }

    /**
     * For an id the feed does not show: the later of its retraction and its tombstone, the retraction on a
     * tie (a retraction's own tombstone carries its time, so it changes nothing and is not heard as a second
     * change); null when neither is known. It does not depend on the order the two topics were read in, so
     * every instance, and every replay, files the id under the same position.
     */
    Decision decide(String id) {
        Retraction retraction = retractions.get(id);
        Decision tombstone = tombstones.get(id);
        if (retraction != null && (tombstone == null || !retraction.retractedAt().isBefore(tombstone.at()))) {
            return new Decision(retractionAt.get(id), retraction.retractedAt());
        }
        return tombstone;
    }
}
