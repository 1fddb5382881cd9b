package dev.newsfeed.view;

import java.time.Instant;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * One record as the view applies it: a new version of {@code id} (from the articles topic), its removal (a
 * tombstone), or its retraction (from the retractions topic); {@code at} is when it happened and
 * {@code position} where the record sits.
 */
public record ArticleChange(String id, Article article, Retraction retraction, Instant at, LogPosition position) {

    public static ArticleChange put(Article article, LogPosition position) {
        return new ArticleChange(article.id(), article, null, article.updatedAt(), position);
    }

    public static ArticleChange removal(String id, Instant at, LogPosition position) {
        return new ArticleChange(id, null, null, at, position);
    }

    public static ArticleChange retraction(Retraction retraction, LogPosition position) {
        return new ArticleChange(retraction.id(), null, retraction, retraction.retractedAt(), position);
    }

    public boolean isRemoval() {
        return article == null && retraction == null;
    }
}
