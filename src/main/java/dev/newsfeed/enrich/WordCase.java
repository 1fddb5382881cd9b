package dev.newsfeed.enrich;

import java.util.Locale;

/**
 * A word's lower case as {@code String.toLowerCase(Locale.ROOT)} gives it. A word of ASCII and curly apostrophes,
 * nearly every word of an English text, folds char by char and needs no string; any other word is folded by the
 * JDK, which knows the letters that fold to two chars ({@code İ}) or by their context (a final sigma).
 */
final class WordCase {

    private static final char CURLY_APOSTROPHE = '\u2019';

    private WordCase() {
    }

    /** Whether {@link #lower(char)} folds every char of the word as the JDK folds the word. */
    static boolean foldsByChar(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c != CURLY_APOSTROPHE) {
                return false;
            }
        }
        return true;
    }

    /** The lower case of an ASCII char or a curly apostrophe. */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** The lower case of any word, as a string. */
    static String lower(String text, int start, int end) {
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
