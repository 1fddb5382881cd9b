package dev.newsfeed.enrich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names a text mentions, in the order of their first mention, each with its number of mentions and whether it
 * was ever mentioned other than at the start of a sentence. A name is looked up from the chars it is spelt with, so
 * only its first mention makes a string.
 */
final class Mentions {

    private String[] names = new String[16];
    private int[] counts = new int[16];
    private boolean[] inside = new boolean[16];
    private int size;
    /** Index + 1 of the names by {@link String#hashCode()}, open addressing, at most half full; 0 is free. */
    private int[] table = new int[32];

    /** Counts a mention of the name {@code chars[0, length)}; returns the name's index. */
    int add(char[] chars, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[i];
        }
        int slot = slot(hash, table.length);
        for (int entry = table[slot]; entry != 0; entry = table[slot]) {
            String name = names[entry - 1];
            if (name.hashCode() == hash && spells(name, chars, length)) {
                counts[entry - 1]++;
                return entry - 1;
            }
            slot = (slot + 1) & (table.length - 1);
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
            inside = Arrays.copyOf(inside, size * 2);
        }
        names[size] = new String(chars, 0, length);
        counts[size] = 1;
        table[slot] = ++size;
        if (size * 2 > table.length) {
            rehash();
        }
        return size - 1;
    }

    /** Notes that the name at {@code index} was mentioned other than as the first words of a sentence. */
    void seenInside(int index) {
        inside[index] = true;
    }

    /**
     * The names to tag, best first: a one-word name only if it was seen inside a sentence, counted as the first
     * longer name that ends with it; then by mentions, ties in the order of first mention.
     */
    List<String> ranked(int limit) {
        Map<String, String> longerByLastWord = new HashMap<>();
        for (int i = 0; i < size; i++) {
            int space = names[i].lastIndexOf(' ');
            if (space >= 0) {
                longerByLastWord.putIfAbsent(names[i].substring(space + 1), names[i]);
            }
        }
        Map<String, Integer> merged = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            String name = names[i];
            boolean oneWord = name.indexOf(' ') < 0;
            if (!oneWord || inside[i]) {
                merged.merge(oneWord ? longerByLastWord.getOrDefault(name, name) : name, counts[i], Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(merged.entrySet());
        // A stable sort: equal counts keep the order of first mention.
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return ranked.stream().limit(limit).map(Map.Entry::getKey).toList();
    }

    private void rehash() {
        int[] larger = new int[table.length * 2];
        for (int i = 0; i < size; i++) {
            int slot = slot(names[i].hashCode(), larger.length);
            while (larger[slot] != 0) {
                slot = (slot + 1) & (larger.length - 1);
            }
            larger[slot] = i + 1;
        }
        table = larger;
    }

    private static int slot(int hash, int tableLength) {
        return (hash ^ (hash >>> 16)) & (tableLength - 1);
    }

    private static boolean spells(String name, char[] chars, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != chars[i]) {
                return false;
            }
        }
        return true;
    }
}
