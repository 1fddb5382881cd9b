package dev.newsfeed.ingest;

import dev.newsfeed.article.Article;

/** What became of one source: published (Kafka acknowledged it), already in the feed, or refused. */
public record IngestOutcome(Result result, Article article, Rejection rejection) {

    public enum Result {
        /** Kafka acknowledged the version, and this instance's view shows it. */
        PUBLISHED,
        /** Kafka acknowledged the version; this instance's view did not show it within the visible timeout. */
        ACKNOWLEDGED,
        UNCHANGED,
        REJECTED,
        /** The exact text of an article that was retracted: not published again until it changes. */
        RETRACTED,
        /** The id holds another text, and the caller asked to publish only once (an Idempotency-Key reused). */
        CONFLICT
    }

    static IngestOutcome published(Article article) {
        return new IngestOutcome(Result.PUBLISHED, article, null);
    }

    static IngestOutcome acknowledged(Article article) {
        return new IngestOutcome(Result.ACKNOWLEDGED, article, null);
    }

    static IngestOutcome unchanged(Article article) {
        return new IngestOutcome(Result.UNCHANGED, article, null);
    }

    static IngestOutcome retracted() {
        return new IngestOutcome(Result.RETRACTED, null, null);
    }

    static IngestOutcome conflict(Article current) {
        return new IngestOutcome(Result.CONFLICT, current, null);
    }

    static IngestOutcome rejected(Rejection rejection) {
        return new IngestOutcome(Result.REJECTED, null, rejection);
    }
}
