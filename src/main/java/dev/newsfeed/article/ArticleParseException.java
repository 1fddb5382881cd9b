package dev.newsfeed.article;

/** A text that is not an article, with the line where the parser gave up and why. */
public class ArticleParseException extends Exception {

    /** Why a text was refused; stable names, used as metric tags and dead-letter headers. */
    public enum Reason {
        EMPTY, BINARY, NOT_UTF8, NO_TITLE, NO_BODY
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
