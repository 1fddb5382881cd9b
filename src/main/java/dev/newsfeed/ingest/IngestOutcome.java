package dev.newsfeed.ingest;

import dev.newsfeed.article.Article;

/** What became of one source: published (Kafka acknowledged it), already in the feed, or refused. */
public record IngestOutcome(Result result, Article article, Rejection rejection) {

    public enum Result {
        PUBLISHED, UNCHANGED, REJECTED,
        /** The exact text of an article that was retracted: not published again until it changes. */
        RETRACTED
    }

    static IngestOutcome published(Article article) {
        return new IngestOutcome(Result.PUBLISHED, article, null);
    }

    static IngestOutcome unchanged(Article article) {
        return new IngestOutcome(Result.UNCHANGED, article, null);
    }

    static IngestOutcome retracted() {
        return new IngestOutcome(Result.RETRACTED, null, null);
    }

    static IngestOutcome rejected(Rejection rejection) {
        return new IngestOutcome(Result.REJECTED, null, rejection);
    }
}
