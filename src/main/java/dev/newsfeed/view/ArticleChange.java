package dev.newsfeed.view;

import java.time.Instant;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * One record as the view applies it: a new version of {@code id} (from the articles topic), its removal (a
 * tombstone), or its retraction (from the retractions topic); {@code at} is when it happened and
 * {@code position} where the record sits.
 *
 * @param removes for a tombstone, the content hash of the version it was written to remove; null when it does not
 *        say (an unconditional removal, as every tombstone written before newsfeed named its version)
 */
public record ArticleChange(String id, Article article, Retraction retraction, Instant at, LogPosition position,
        String removes) {

    public static ArticleChange put(Article article, LogPosition position) {
        return new ArticleChange(article.id(), article, null, article.updatedAt(), position, null);
    }

    /** A tombstone that removes whatever version came before it. */
    public static ArticleChange removal(String id, Instant at, LogPosition position) {
        return new ArticleChange(id, null, null, at, position, null);
    }

    /** A tombstone written to remove the version with {@code contentHash}, and no other. */
    public static ArticleChange removal(String id, Instant at, LogPosition position, String contentHash) {
        return new ArticleChange(id, null, null, at, position, contentHash);
    }

    public static ArticleChange retraction(Retraction retraction, LogPosition position) {
        return new ArticleChange(retraction.id(), null, retraction, retraction.retractedAt(), position, null);
    }

    public boolean isRemoval() {
        return article == null && retraction == null;
    }
}
