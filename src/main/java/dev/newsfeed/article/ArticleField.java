package dev.newsfeed.article;

import dev.newsfeed.article.ArticleParseException.Reason;

/**
 * The fields a source gives an article, with their limits: the same for a file, a text submission and a JSON one.
 * The limits are contract, not configuration: subscribers of the topic rely on them, and two instances with
 * different limits would take the same file on one and refuse it on the other. Lengths count characters
 * (Unicode code points), as a reader does. The README's field table mirrors these numbers.
 */
public enum ArticleField {

    TITLE("title", 300),
    SUBTITLE("subtitle", 1_000),
    SUMMARY("summary", 2_000),
    /** One body paragraph. */
    PARAGRAPH("body paragraph", 20_000),
    /** A submission's own reference ({@code source} or {@code Idempotency-Key}), or a file's path. */
    SOURCE("source", 500);

    /** Body paragraphs an article may have; a 512 KiB text of short lines stays under it. */
    public static final int MAX_PARAGRAPHS = 10_000;

    private final String label;
    private final int maxLength;

    ArticleField(String label, int maxLength) {
        this.label = label;
        this.maxLength = maxLength;
    }

    /** How a message names the field: {@code title}, {@code body paragraph}. */
    public String label() {
        return label;
    }

    public int maxLength() {
        return maxLength;
    }

    /**
     * Why a value (stripped, not blank) cannot be this field, or null when it can: a character the rule of
     * {@link ArticleCharacters} refuses, more than {@link #maxLength()} characters, or nothing visible.
     */
    public Problem problemWith(String value) {
        int refused = ArticleCharacters.firstRefused(value);
        if (refused >= 0) {
            return new Problem(Reason.ILLEGAL_CHARACTER, "holds "
                    + ArticleCharacters.describe(value.codePointAt(refused))
                    + " at character " + (value.codePointCount(0, refused) + 1)
                    + "; an article holds only text a reader can show (see the README, Characters)");
        }
        return problemWithAllowed(value);
    }

    /** {@link #problemWith} for a value already known to hold no character the rule refuses. */
    Problem problemWithAllowed(String value) {
        // A string has at least as many chars as code points: only a long one needs counting.
        if (value.length() > maxLength) {
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                return new Problem(Reason.TOO_LONG, "is " + length + " characters long; at most " + maxLength);
            }
        }
        if (!ArticleCharacters.visible(value)) {
            return new Problem(Reason.NO_VISIBLE_TEXT,
                    "holds no visible character: only spaces, invisible or combining characters");
        }
        return null;
    }

    /** What is wrong with a field's value; {@code detail} reads after the field's name. */
    public record Problem(Reason reason, String detail) {
    }
}
