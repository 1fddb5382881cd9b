package dev.newsfeed.feed;

import dev.newsfeed.article.Article;

/** One record of the articles topic as the view applies it: a new version of {@code id}, or its removal. */
public record ArticleChange(String id, Article article) {

    public static ArticleChange put(Article article) {
        return new ArticleChange(article.id(), article);
    }

    public static ArticleChange removal(String id) {
        return new ArticleChange(id, null);
    }

    public boolean isRemoval() {
        return article == null;
    }
}
