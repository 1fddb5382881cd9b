package dev.newsfeed.ingest;

import dev.newsfeed.article.ArticleField;
import dev.newsfeed.article.ArticleParseException;

/**
 * Why a source was refused. {@code stage} says which step refused it ({@code read}: too large or unreadable;
 * {@code parse}: not an article); {@code line} is 0 when no line applies.
 */
public record Rejection(String stage, String reason, int line, String detail) {

    public static Rejection of(ArticleParseException e) {
        return new Rejection("parse", e.reason().name(), e.line(), e.getMessage());
    }

    /** A file whose path cannot be an article's source: too long, or with a character the rule refuses. */
    public static Rejection of(ArticleField.Problem source) {
        return new Rejection("read", source.reason().name(), 0, "the file's path " + source.detail());
    }

    public static Rejection tooLarge(String detail) {
        return new Rejection("read", "TOO_LARGE", 0, detail);
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
