package dev.newsfeed.ingest;

/**
 * Makes a value safe to write to a log: file names and sources come from outside, and a newline in one would
 * forge a log line, a huge one would flood the log. Control characters are written as {@code \n} or
 * {@code \}{@code uXXXX}, and the text is cut after {@value #MAX_CHARS} characters.
 */
final class LogText {

    static final int MAX_CHARS = 200;

    private LogText() {
    }

    static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
        for (int i = 0; i < text.length(); ) {
            if (safe.length() >= MAX_CHARS) {
                return safe.append("…(").append(text.length()).append(" chars)").toString();
            }
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                case '\\' -> safe.append("\\\\");
                default -> {
                    // Lone surrogates, line separators and invisible format characters are escaped too.
                    int type = Character.getType(c);
                    if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                        safe.append(String.format("\\u%04X", c));
                    } else {
                        safe.appendCodePoint(c);
                    }
                }
            }
        }
        return safe.toString();
    }
}
