package dev.newsfeed.feed;

import java.time.Instant;

import dev.newsfeed.article.Article;

/**
 * One record of the articles topic as the view applies it: a new version of {@code id}, or its removal;
 * {@code at} is when it happened (the version's update time, or the removal record's timestamp).
 */
public record ArticleChange(String id, Article article, Instant at) {

    public static ArticleChange put(Article article) {
        return new ArticleChange(article.id(), article, article.updatedAt());
    }

    public static ArticleChange removal(String id, Instant at) {
        return new ArticleChange(id, null, at);
    }

    public boolean isRemoval() {
        return article == null;
    }
}
