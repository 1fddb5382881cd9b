package dev.newsfeed.article;

/**
 * The one rule on which characters an article may hold, for every way in (files, text and JSON submissions)
 * and for every renderer, which applies it again to whatever is on the topic, records written by others
 * included.
 *
 * <p>An article holds what XML 1.0 allows, less what a reader cannot show or what changes how the text around it
 * reads: C0 controls other than TAB (line breaks separate fields, so a field holds none), DEL and the C1 controls,
 * lone surrogates, the noncharacters ({@code U+FDD0..U+FDEF} and the last two code points of every plane,
 * {@code U+FFFE} and {@code U+FFFF} among them), the line and paragraph separators {@code U+2028} and
 * {@code U+2029}, and the explicit bidirectional embeddings, overrides and isolates ({@code U+202A..U+202E},
 * {@code U+2066..U+2069}): unbalanced, they reorder the text that follows a title in a reader's list, and
 * right-to-left text needs none of them (the marks {@code U+200E}, {@code U+200F} and {@code U+061C} stay
 * allowed). Private-use and unassigned code points are allowed: XML allows them and they harm no reader.
 */
public final class ArticleCharacters {

    /** What a renderer writes in place of a character the rule refuses. */
    public static final char REPLACEMENT = '\uFFFD';

    private ArticleCharacters() {
    }

    /** Whether a field of an article may hold this code point (an unpaired surrogate counts as one). */
    public static boolean allowed(int codePoint) {
        return codePoint == '\t' || refusal(codePoint) == null;
    }

    /** The index (in chars) of the first character a field may not hold, or -1 when it holds none. */
    public static int firstRefused(String value) {
        int length = value.length();
        for (int i = 0; i < length; ) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                // Printable ASCII, most of any text, is always allowed.
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            if (!allowed(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    /** A refused character for a message: {@code U+0001 (a control character)}. */
    public static String describe(int codePoint) {
        String kind = refusal(codePoint);
        return String.format("U+%04X", codePoint) + (kind == null ? "" : " (" + kind + ")");
    }

    /**
     * The value with every refused character replaced, for renderers: they must write whatever is on the topic
     * and never fail on it. Line breaks become spaces, so that text still reads; the rest becomes
     * {@link #REPLACEMENT}. Returns the value itself when it holds nothing to replace.
     */
    public static String displayable(String value) {
        if (value == null || firstRefused(value) < 0) {
            return value;
        }
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(codePoint -> {
            if (allowed(codePoint)) {
                text.appendCodePoint(codePoint);
            } else {
                text.append(isLineBreak(codePoint) ? ' ' : REPLACEMENT);
            }
        });
        return text.toString();
    }

    /**
     * Whether the text holds something a reader sees: a letter, digit, punctuation mark or symbol. Spaces,
     * format characters such as {@code U+200B}, combining marks alone and the few letters that render blank
     * (Hangul fillers, the blank Braille pattern) do not count.
     */
    public static boolean visible(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (isVisible(codePoint)) {
                return true;
            }
            i += Character.charCount(codePoint);
        }
        return false;
    }

    private static boolean isVisible(int codePoint) {
        if (codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** Why a code point is refused, or null when it is allowed (TAB aside, which a caller allows). */
    private static String refusal(int codePoint) {
        if (isLineBreak(codePoint)) {
            return "a line break";
        }
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)) {
            return "a control character";
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return "a lone surrogate";
        }
        if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE) {
            return "a noncharacter";
        }
        if ((codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)) {
            return "a bidirectional override";
        }
        return null;
    }

    private static boolean isLineBreak(int codePoint) {
        return codePoint == '\n' || codePoint == '\r' || codePoint == 0x85 || codePoint == 0x2028
                || codePoint == 0x2029;
    }
}
