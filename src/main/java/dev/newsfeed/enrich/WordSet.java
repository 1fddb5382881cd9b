package dev.newsfeed.enrich;

import java.util.Set;

/**
 * A fixed set of lower-case ASCII words, asked whether it holds a word of a text in its lower case: the word is
 * looked up where it stands in the text, without a string made of it.
 */
final class WordSet {

    private final Set<String> words;
    /** The words by {@link String#hashCode()}, open addressing, at most half full. */
    private final String[] table;

    WordSet(String... words) {
        this.words = Set.of(words);
        table = new String[Integer.highestOneBit(words.length * 4)];
        for (String word : words) {
            int slot = slot(word.hashCode());
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = word;
        }
    }

    /** Whether the set holds {@code text[start, end)} in its lower case. */
    boolean contains(String text, int start, int end) {
        if (!WordCase.foldsByChar(text, start, end)) {
            return words.contains(WordCase.lower(text, start, end));
        }
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + WordCase.lower(text.charAt(i));
        }
        for (int slot = slot(hash); table[slot] != null; slot = (slot + 1) & (table.length - 1)) {
            String word = table[slot];
            if (word.hashCode() == hash && spells(word, text, start, end)) {
                return true;
            }
        }
        return false;
    }

    private int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (table.length - 1);
    }

    private static boolean spells(String word, String text, int start, int end) {
        if (word.length() != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (word.charAt(i - start) != WordCase.lower(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
