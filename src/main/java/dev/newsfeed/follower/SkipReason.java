package dev.newsfeed.follower;

/** Why a record of the topics was left out of the view; the tag of {@code newsfeed_feed_skipped_records}. */
public enum SkipReason {
    /** A record without a key names no article. */
    NO_KEY("no-key"),
    /** The value does not parse as JSON. */
    NOT_JSON("not-json"),
    /** JSON, but not an article or retraction: a field of the wrong type, or not an object at all. */
    WRONG_TYPE("wrong-type"),
    /** A required field (id, title, body, dates, content hash) is missing or empty. */
    MISSING_FIELD("missing-field"),
    /** The record's key is not the id its value names. */
    KEY_MISMATCH("key-mismatch"),
    /** An id, source or tag longer than the view indexes, or more tags than an article carries. */
    TOO_LONG("too-long"),
    /** A JSON null where a record needs a value (a tombstone is a record with no value at all). */
    NULL_VALUE("null-value");

    public final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }
}
