package dev.newsfeed.article;

/**
 * Well-formed UTF-8 as the Unicode standard defines it (table 3-7) and as the JDK's strict decoder reads it: no
 * overlong forms, no surrogates, nothing above {@code U+10FFFF}, no sequence cut short.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The code point of the multi-byte sequence that starts at {@code offset}, or -1 when no well-formed sequence
     * starts there (the offset a strict decoder reports).
     */
    static int codePointAt(byte[] bytes, int offset) {
        int lead = bytes[offset] & 0xFF;
        int remaining = bytes.length - offset;
        if (lead >= 0xC2 && lead <= 0xDF) {
            if (remaining < 2 || !continuation(bytes[offset + 1])) {
                return -1;
            }
            return (lead & 0x1F) << 6 | (bytes[offset + 1] & 0x3F);
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            int min = lead == 0xE0 ? 0xA0 : 0x80;
            int max = lead == 0xED ? 0x9F : 0xBF;
            if (remaining < 3 || !between(bytes[offset + 1], min, max) || !continuation(bytes[offset + 2])) {
                return -1;
            }
            return (lead & 0x0F) << 12 | (bytes[offset + 1] & 0x3F) << 6 | (bytes[offset + 2] & 0x3F);
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            int min = lead == 0xF0 ? 0x90 : 0x80;
            int max = lead == 0xF4 ? 0x8F : 0xBF;
            if (remaining < 4 || !between(bytes[offset + 1], min, max) || !continuation(bytes[offset + 2])
                    || !continuation(bytes[offset + 3])) {
                return -1;
            }
            return (lead & 0x07) << 18 | (bytes[offset + 1] & 0x3F) << 12 | (bytes[offset + 2] & 0x3F) << 6
                    | (bytes[offset + 3] & 0x3F);
        }
        return -1;
    }

    /** How many bytes encode a code point of {@code U+0080} or above. */
    static int length(int codePoint) {
        return codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static boolean between(byte b, int min, int max) {
        int value = b & 0xFF;
        return value >= min && value <= max;
    }
}
