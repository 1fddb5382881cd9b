package dev.newsfeed.view;

import java.time.Instant;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/** Records as the two topics would hold them: each change gets the next offset of its topic's one partition. */
public final class Topics {

    private long articles;
    private long retractions;

    public ArticleChange version(Article article) {
        return ArticleChange.put(article, LogPosition.article(0, articles++));
    }

    public ArticleChange tombstone(String id, Instant at) {
        return ArticleChange.removal(id, at, LogPosition.article(0, articles++));
    }

    /** A tombstone written to remove the version with {@code contentHash} only, as newsfeed writes them. */
    public ArticleChange tombstoneOf(String id, Instant at, String contentHash) {
        return ArticleChange.removal(id, at, LogPosition.article(0, articles++), contentHash);
    }

    public ArticleChange retracted(Retraction retraction) {
        return ArticleChange.retraction(retraction, LogPosition.retraction(0, retractions++));
    }
}
