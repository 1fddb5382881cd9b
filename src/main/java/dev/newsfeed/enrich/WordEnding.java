package dev.newsfeed.enrich;

/**
 * Endings that mark a kind of word, after a stem of at least three characters, in the word's lower case: what the
 * regular expression {@code .{3,}(ing|ed|ly)} matches, with the stem counted in code points as it counts them.
 */
final class WordEnding {

    private static final int MIN_STEM = 3;

    private final String[] endings;

    /** Endings in lower-case ASCII. */
    WordEnding(String... endings) {
        this.endings = endings.clone();
    }

    /** Whether {@code text[start, end)} ends with one of the endings after a long enough stem. */
    boolean matches(String text, int start, int end) {
        if (!WordCase.foldsByChar(text, start, end)) {
            String lower = WordCase.lower(text, start, end);
            for (String ending : endings) {
                if (lower.endsWith(ending) && lower.codePointCount(0, lower.length() - ending.length()) >= MIN_STEM) {
                    return true;
                }
            }
            return false;
        }
        // Every char is a code point here.
        for (String ending : endings) {
            if (end - start - ending.length() >= MIN_STEM && endsWith(text, end, ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(String text, int end, String ending) {
        int from = end - ending.length();
        for (int i = 0; i < ending.length(); i++) {
            if (WordCase.lower(text.charAt(from + i)) != ending.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
