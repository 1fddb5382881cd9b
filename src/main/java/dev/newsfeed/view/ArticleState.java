package dev.newsfeed.view;

import java.time.Instant;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * Everything the topics say about one article id: its latest version, its latest retraction and a tombstone
 * that came after the version, each with the position of its record. What the feed shows follows from the
 * records alone, never from clocks: a retraction hides the version it names by content hash, whichever topic
 * is read first; a tombstone removes the version before it; a version after a tombstone is back.
 *
 * <p>Two rules keep a write decided on a view that lagged behind Kafka from deleting or doubling what Kafka
 * acknowledged. A version with the text the id holds already is no new version (a resend whose first write was
 * acknowledged after all): the first record stands. A tombstone that names the version it was written to remove
 * leaves any other version in place, and marks it as <em>shadowed</em>: compaction would drop that version from the
 * topic, so it must be written again after the tombstone ({@code FeedView#awaitingRewrite}).
 *
 * @param version the latest article version, or null after a tombstone
 * @param tombstoneTime when the tombstone was written (its record timestamp), null without a tombstone
 * @param shadowedAt the position of a tombstone, meant for another version, that came after this version; null when
 *        none did, or the version was written again since
 */
record ArticleState(String id, Article version, LogPosition versionAt, Retraction retraction,
        LogPosition retractionAt, LogPosition tombstoneAt, Instant tombstoneTime, LogPosition shadowedAt) {

    /** The record that decides an id's state now, and when it happened. */
    record Decision(LogPosition position, Instant at) {
    }

    static ArticleState none(String id) {
        return new ArticleState(id, null, null, null, null, null, null, null);
    }

    ArticleState withVersion(Article article, LogPosition position) {
        return new ArticleState(id, article, position, retraction, retractionAt, null, null, null);
    }

    ArticleState withTombstone(LogPosition position, Instant at) {
        return new ArticleState(id, null, null, retraction, retractionAt, position, at, null);
    }

    ArticleState withRetraction(Retraction newRetraction, LogPosition position) {
        return new ArticleState(id, version, versionAt, newRetraction, position, tombstoneAt, tombstoneTime,
                shadowedAt);
    }

    private ArticleState withShadow(LogPosition tombstone) {
        return new ArticleState(id, version, versionAt, retraction, retractionAt, tombstoneAt, tombstoneTime,
                tombstone);
    }

    ArticleState apply(ArticleChange change) {
        if (change.retraction() != null) {
            return withRetraction(change.retraction(), change.position());
        }
        if (change.isRemoval()) {
            if (change.removes() != null && version != null && !version.contentHash().equals(change.removes())) {
                // Decided on a view that had not seen this version yet: it removes nothing the writer knew of.
                return withShadow(change.position());
            }
            return withTombstone(change.position(), change.at());
        }
        if (version != null && version.contentHash().equals(change.article().contentHash())) {
            // The same text again: not a new version. A rewrite after a tombstone that missed it lands here too.
            return shadowedAt == null ? this : withShadow(null);
        }
        return withVersion(change.article(), change.position());
    }

    /** Whether the version shown must be written again after a tombstone that was not meant for it. */
    boolean awaitsRewrite() {
        return shadowedAt != null && shown();
    }

    /** Whether the feed shows the version: there is one, and no retraction names its text. */
    boolean shown() {
        return version != null && !retracts(retraction, version);
    }

    /** Whether this retraction retracts that version: it names the version's content hash. */
    static boolean retracts(Retraction retraction, Article version) {
        return retraction != null && retraction.contentHash().equals(version.contentHash());
    }

    /** Whether anything took the article out of the feed, now or before: a retraction or a tombstone. */
    boolean hasGone() {
        return retraction != null || tombstoneAt != null;
    }

    /**
     * The record that decides what a client catching up must hear of this id: the shown version; else the
     * later of its retraction and its tombstone, the retraction on a tie (a retraction's own tombstone carries
     * the retraction's time, so one retraction is one change). Both times are read from the records, so every
     * instance and every replay, in any order of the two topics, files the id under the same position.
     * Null when nothing is known of the id.
     */
    Decision decision() {
        if (shown()) {
            return new Decision(versionAt, version.updatedAt());
        }
        if (retraction != null && (tombstoneAt == null || !retraction.retractedAt().isBefore(tombstoneTime))) {
            return new Decision(retractionAt, retraction.retractedAt());
        }
        return tombstoneAt == null ? null : new Decision(tombstoneAt, tombstoneTime);
    }

    /** The change a client hears for this state, at {@code sequence}. */
    FeedChange change(String sequence) {
        return shown() ? FeedChange.of(sequence, version)
                : FeedChange.retracted(sequence, id, decision().at(), retraction);
    }
}
