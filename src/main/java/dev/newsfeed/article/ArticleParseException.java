package dev.newsfeed.article;

/** A text that is not an article, with the line where the parser gave up and why. */
public class ArticleParseException extends Exception {

    /** Why a text was refused; stable names, used as metric tags and dead-letter headers. */
    public enum Reason {
        EMPTY, BINARY, NOT_UTF8, NO_TITLE, NO_BODY,
        /** A character the rule of {@link ArticleCharacters} refuses. */
        ILLEGAL_CHARACTER,
        /** A field longer than its {@link ArticleField} limit, or more paragraphs than allowed. */
        TOO_LONG,
        /** A field with nothing a reader sees (only U+200B, say). */
        NO_VISIBLE_TEXT
    }

    private final Reason reason;
    private final int line;

    public ArticleParseException(Reason reason, int line, String detail) {
        super("line " + line + ": " + detail);
        this.reason = reason;
        this.line = line;
    }

    public Reason reason() {
        return reason;
    }

    public int line() {
        return line;
    }
}
