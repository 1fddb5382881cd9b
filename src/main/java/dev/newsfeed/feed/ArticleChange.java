package dev.newsfeed.feed;

import java.time.Instant;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * One record as the view applies it: a new version of {@code id} (from the articles topic), its removal (a
 * tombstone), or its retraction (from the retractions topic); {@code at} is when it happened.
 */
public record ArticleChange(String id, Article article, Retraction retraction, Instant at) {

    public static ArticleChange put(Article article) {
        return new ArticleChange(article.id(), article, null, article.updatedAt());
    }

    public static ArticleChange removal(String id, Instant at) {
        return new ArticleChange(id, null, null, at);
    }

    public static ArticleChange retraction(Retraction retraction) {
        return new ArticleChange(retraction.id(), null, retraction, retraction.retractedAt());
    }

    public boolean isRemoval() {
        return article == null && retraction == null;
    }
}
