package dev.newsfeed.log;

import dev.newsfeed.article.ArticleCharacters;

/**
 * A value someone else chose (a source, a file name, a record key, a detail quoting an article), made fit for one
 * log line: a line break in it must not start a forged line, and a 300 KB value must not write a 300 KB line.
 * Every call of the log that writes such a value passes it through {@link #safe}.
 */
public final class LogValues {

    /** Characters of a value kept; the rest is counted, not written. */
    public static final int MAX_LENGTH = 300;

    private LogValues() {
    }

    /**
     * The value with {@code \n}, {@code \r}, {@code \t} and backslashes escaped as in Java, every other character
     * the article rule refuses (controls, lone surrogates, bidirectional overrides…) as {@code \}{@code uXXXX}, and
     * cut after {@link #MAX_LENGTH} characters with the number left out.
     */
    public static String safe(Object value) {
        String text = String.valueOf(value);
        int kept = Math.min(text.length(), MAX_LENGTH);
        StringBuilder line = new StringBuilder(kept + 32);
        text.substring(0, kept).codePoints().forEach(codePoint -> {
            switch (codePoint) {
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (ArticleCharacters.allowed(codePoint)) {
                        line.appendCodePoint(codePoint);
                    } else {
                        line.append(String.format("\\u%04X", codePoint));
                    }
                }
            }
        });
        if (kept < text.length()) {
            line.append("…(").append(text.length() - kept).append(" more characters)");
        }
        return line.toString();
    }
}
