package dev.newsfeed.article;

import java.time.Instant;
import java.util.List;

/**
 * One version of an article, as published on the topic (key = {@code id}) and served by the feed.
 * Readers ignore fields they do not know, so new fields may be added without a new {@code schemaVersion};
 * removing or changing the meaning of one needs a new version.
 */
public record Article(
        String id,
        String title,
        String subtitle,
        String summary,
        List<String> body,
        String source,
        Instant publishedAt,
        Instant updatedAt,
        int wordCount,
        String contentHash,
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public Article {
        body = List.copyOf(body);
    }

    /** The first version of an article: published and updated now. */
    public static Article first(String id, String source, ArticleText text, Instant now) {
        return of(id, source, text, now, now);
    }

    /** The version that replaces this one with new text; the first publication time survives the edit. */
    public Article revisedBy(ArticleText text, String newSource, Instant now) {
        return of(id, newSource, text, publishedAt, now);
    }

    private static Article of(String id, String source, ArticleText text, Instant publishedAt, Instant updatedAt) {
        return new Article(id, text.title(), text.subtitle(), text.summary(), text.body(), source,
                publishedAt, updatedAt, text.wordCount(), text.contentHash(), SCHEMA_VERSION);
    }
}
