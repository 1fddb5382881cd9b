package dev.newsfeed.enrich;

import static dev.newsfeed.enrich.NameWords.ADJECTIVE_OF_PLACE;
import static dev.newsfeed.enrich.NameWords.NOT_NAMES;
import static dev.newsfeed.enrich.NameWords.TITLES;
import static dev.newsfeed.enrich.NameWords.VERB_OR_ADVERB;

import java.util.Arrays;

/**
 * One pass over a text's chars that finds the names {@link NameTagger} counts: sentences, words in them, runs of
 * capitalised words, each run trimmed of what is capitalised for other reasons. Nothing is made of a word but its
 * place in the text; a string only for a name's first mention ({@link Mentions}).
 *
 * <p>What the pass calls a sentence, a word and a run is what the tagger's regular expressions called them before
 * issue 10 (the legacy tagger in the tests is the oracle): a sentence ends at white space ({@code \s}: ASCII space,
 * tab, line feed, vertical tab, form feed, carriage return) after {@code .}, {@code !} or {@code ?}; a word is a
 * letter followed by letters, combining marks, apostrophes ({@code '} and {@code ’}) and hyphens; words are in one
 * run when only white space ({@link Character#isWhitespace}) stands between them and the first does not end with a
 * possessive {@code 's}.
 */
final class NameScan {

    private final String text;
    private final Mentions mentions = new Mentions();

    /** The words of the run so far, as {@code [starts[i], ends[i])} in the text. */
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int runLength;
    /** The name being recorded, its words joined by one space. */
    private char[] name = new char[64];

    /** Where the sentence starts once stripped of white space; -1 until something but white space is seen. */
    private int sentenceStart;
    private boolean firstWord;
    private int namesInSentence;
    /** Whether only white space stands since the last word (or the start of the sentence). */
    private boolean blankSinceWord;

    private NameScan(String text) {
        this.text = text;
        startSentence();
    }

    /** The names a text mentions. */
    static Mentions of(String text) {
        NameScan scan = new NameScan(text);
        scan.scan();
        return scan.mentions;
    }

    private void scan() {
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (isAsciiLetter(c)) {
                    int end = endOfWord(i);
                    word(i, end);
                    i = end;
                } else if (isRegexSpace(c) && i > 0 && isSentenceEnd(text.charAt(i - 1))) {
                    endRun();
                    while (i < length && isRegexSpace(text.charAt(i))) {
                        i++;
                    }
                    startSentence();
                } else {
                    if (!isAsciiWhitespace(c)) {
                        notBlank(i);
                    }
                    i++;
                }
            } else {
                int codePoint = text.codePointAt(i);
                if (Character.isLetter(codePoint)) {
                    int end = endOfWord(i);
                    word(i, end);
                    i = end;
                } else {
                    if (!Character.isWhitespace(codePoint)) {
                        notBlank(i);
                    }
                    i += Character.charCount(codePoint);
                }
            }
        }
        endRun();
    }

    /** Where the word that starts with the letter at {@code start} ends. */
    private int endOfWord(int start) {
        int length = text.length();
        int end = start + Character.charCount(text.codePointAt(start));
        while (end < length) {
            char c = text.charAt(end);
            if (c < 0x80) {
                if (!isAsciiLetter(c) && c != '\'' && c != '-') {
                    break;
                }
                end++;
            } else if (c == '\u2019') {
                end++;
            } else {
                int codePoint = text.codePointAt(end);
                if (!isLetterOrMark(codePoint)) {
                    break;
                }
                end += Character.charCount(codePoint);
            }
        }
        return end;
    }

    /** Adds the word {@code text[start, end)} to the run, or ends the run. */
    private void word(int start, int end) {
        if (sentenceStart < 0) {
            sentenceStart = start;
        }
        // A letter, an apostrophe and an s at least.
        boolean possessive = end - start >= 3 && text.charAt(end - 1) == 's' && isApostrophe(text.charAt(end - 2));
        int wordEnd = possessive ? end - 2 : end;
        if (!blankSinceWord) {
            endRun();
        }
        if (Character.isUpperCase(text.charAt(start)) && !ignored(start, wordEnd)) {
            addToRun(start, wordEnd);
        } else {
            endRun();
        }
        if (possessive) {
            endRun();
        }
        firstWord = false;
        blankSinceWord = true;
    }

    /** Whether a capitalised word is capitalised for another reason than being a name (or part of one). */
    private boolean ignored(int start, int end) {
        return NOT_NAMES.contains(text, start, end) || (firstWord && VERB_OR_ADVERB.matches(text, start, end));
    }

    private void addToRun(int start, int end) {
        if (runLength == starts.length) {
            starts = Arrays.copyOf(starts, runLength * 2);
            ends = Arrays.copyOf(ends, runLength * 2);
        }
        starts[runLength] = start;
        ends[runLength] = end;
        runLength++;
    }

    /**
     * Ends the run: titles go from its start, and so does a nationality adjective standing alone or before a title
     * ("Ukrainian President …"), but not a first name that looks like one ("Christian Bruch"). What is left is a name.
     */
    private void endRun() {
        int first = 0;
        while (first < runLength && leadsWithoutBelonging(first)) {
            first++;
        }
        if (first < runLength) {
            record(first);
        }
        runLength = 0;
    }

    /** Whether the run's word is dropped from its start: a title, or a nationality adjective alone or before one. */
    private boolean leadsWithoutBelonging(int word) {
        if (TITLES.contains(text, starts[word], ends[word])) {
            return true;
        }
        return ADJECTIVE_OF_PLACE.matches(text, starts[word], ends[word])
                && (word + 1 == runLength || TITLES.contains(text, starts[word + 1], ends[word + 1]));
    }

    /** Counts the name made of the run's words from {@code first} on. */
    private void record(int first) {
        int length = 0;
        for (int word = first; word < runLength; word++) {
            int wordLength = ends[word] - starts[word];
            if (length + wordLength + 1 > name.length) {
                name = Arrays.copyOf(name, Math.max(name.length * 2, length + wordLength + 1));
            }
            if (word > first) {
                name[length++] = ' ';
            }
            text.getChars(starts[word], ends[word], name, length);
            length += wordLength;
        }
        int index = mentions.add(name, length);
        if (namesInSentence++ > 0 || !sentenceStartsWithName(length)) {
            mentions.seenInside(index);
        }
    }

    /**
     * Whether the sentence, stripped of white space, begins with the name's chars: a one-word name seen nowhere else
     * is a word capitalised for starting sentences. Compared as text, as the heuristic always did, so a name that only
     * spells the start of the sentence's first word ("Paris-ing Paris") starts it too.
     */
    private boolean sentenceStartsWithName(int length) {
        if (sentenceStart + length > text.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(sentenceStart + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private void notBlank(int index) {
        blankSinceWord = false;
        if (sentenceStart < 0) {
            sentenceStart = index;
        }
    }

    private void startSentence() {
        sentenceStart = -1;
        firstWord = true;
        namesInSentence = 0;
        blankSinceWord = true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** White space as the regular expression {@code \s} has it: ASCII only. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** {@link Character#isWhitespace} below 0x80: {@code \s} and the four separators U+001C..U+001F. */
    private static boolean isAsciiWhitespace(char c) {
        return isRegexSpace(c) || (c >= '\u001C' && c <= '\u001F');
    }

    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '!' || c == '?';
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019';
    }

    private static boolean isLetterOrMark(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> true;
            default -> false;
        };
    }
}
