package dev.newsfeed.article;

import static dev.newsfeed.article.ArticleParseException.Reason.BINARY;
import static dev.newsfeed.article.ArticleParseException.Reason.NOT_UTF8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an article text into its non-blank lines, stripped, numbered as a reader counts them: CRLF, CR and LF
 * each end a line. A UTF-8 byte order mark before the first line is dropped.
 *
 * <p>Bytes are read in one pass that finds the line ends, refuses control bytes and malformed UTF-8, and notes
 * which lines hold only characters {@link ArticleCharacters} allows, so that the parser checks no character twice.
 * Each line becomes a {@code String} straight from its bytes, without decoding the whole text first.
 */
final class ArticleLines {

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** Reads eight bytes at once, to pass over runs of printable ASCII, which is what most of a text is. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private ArticleLines() {
    }

    /** One non-blank line; {@code allowed} when it is known to hold no character the rule refuses. */
    record Line(int number, String text, boolean afterBlank, boolean allowed) {
    }

    /** The lines of a text given as bytes, which must be UTF-8 without control characters other than TAB and FF. */
    static List<Line> of(byte[] bytes) throws ArticleParseException {
        Lines lines = new Lines();
        int length = bytes.length;
        int i = startsWithByteOrderMark(bytes) ? 3 : 0;
        int lineStart = i;
        boolean ascii = true;
        boolean allowed = true;
        while (i < length) {
            if (i + Long.BYTES <= length && printableAscii((long) WORD.get(bytes, i))) {
                i += Long.BYTES;
                continue;
            }
            byte b = bytes[i];
            if ((b >= 0x20 && b != 0x7F) || b == '\t') {
                i++;
            } else if (b == '\n' || b == '\r') {
                lines.add(bytes, lineStart, i, ascii, allowed);
                i += b == '\r' && i + 1 < length && bytes[i + 1] == '\n' ? 2 : 1;
                lineStart = i;
                ascii = true;
                allowed = true;
            } else if (b == '\f' || b == 0x7F) {
                // Not binary, but refused in a field: the checks name it, unless stripping drops it.
                allowed = false;
                i++;
            } else if (b >= 0) {
                throw binary(bytes, i);
            } else {
                int codePoint = Utf8.codePointAt(bytes, i);
                if (codePoint < 0) {
                    throw notUtf8(bytes, i);
                }
                ascii = false;
                allowed &= ArticleCharacters.allowed(codePoint);
                i += Utf8.length(codePoint);
            }
        }
        lines.add(bytes, lineStart, length, ascii, allowed);
        return lines.list;
    }

    /** The lines of a text given as a string; their characters are left for the parser to check. */
    static List<Line> of(String text) {
        Lines lines = new Lines();
        int length = text.length();
        int lineStart = text.isEmpty() || text.charAt(0) != BYTE_ORDER_MARK ? 0 : 1;
        for (int i = lineStart; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(lineStart, i).strip(), false);
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        lines.add(text.substring(lineStart).strip(), false);
        return lines.list;
    }

    /** Whether all eight bytes are printable ASCII ({@code 0x20..0x7E}): none below 0x20, none 0x7F or above. */
    private static boolean printableAscii(long word) {
        long below20 = (word - 0x20 * ONES) & ~word;
        long above7E = (word + ONES) | word;
        return ((below20 | above7E) & HIGH_BITS) == 0;
    }

    private static boolean startsWithByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
    }

    private static ArticleParseException binary(byte[] bytes, int offset) {
        return new ArticleParseException(BINARY, lineAt(bytes, offset), String.format(
                "control character 0x%02X at byte %d: this looks like a binary file, not article text",
                bytes[offset], offset));
    }

    /** Malformed UTF-8 at {@code offset}; a control byte anywhere in the text is reported first, as binary. */
    private static ArticleParseException notUtf8(byte[] bytes, int offset) {
        for (int i = offset + 1; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                return binary(bytes, i);
            }
        }
        return new ArticleParseException(NOT_UTF8, lineAt(bytes, offset), String.format(
                "byte 0x%02X at offset %d is not valid UTF-8; save the file as UTF-8", bytes[offset] & 0xFF, offset));
    }

    /** The line of a byte offset, counted as the lines are: CRLF, CR and LF each end one. */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    /** The non-blank lines so far, numbering every line, blank ones included. */
    private static final class Lines {

        final List<Line> list = new ArrayList<>();
        private int number;
        private boolean afterBlank;
        /** The characters of the line being decoded, kept for the next line of the same text. */
        private char[] chars;

        void add(byte[] bytes, int start, int end, boolean ascii, boolean allowed) {
            while (start < end && isAsciiSpace(bytes[start])) {
                start++;
            }
            while (end > start && isAsciiSpace(bytes[end - 1])) {
                end--;
            }
            if (ascii) {
                // Every byte below 0x80 is the same character in ISO-8859-1 and in UTF-8; ISO-8859-1 copies them.
                add(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1), allowed);
            } else {
                // Other whitespace, such as U+3000 or U+2028, is stripped as String.strip does.
                add(decode(bytes, start, end).strip(), allowed);
            }
        }

        /**
         * The characters of bytes already checked to be UTF-8. Faster than {@code new String(bytes, UTF_8)} on a
         * line that is ASCII but for a few quotes or dashes: the JDK decodes all that follows the first of them
         * byte by byte into UTF-16, this widens the ASCII and decodes only the sequences.
         */
        private String decode(byte[] bytes, int start, int end) {
            if (chars == null || chars.length < end - start) {
                chars = new char[end - start];
            }
            int length = 0;
            for (int i = start; i < end; ) {
                byte b = bytes[i];
                if (b >= 0) {
                    chars[length++] = (char) b;
                    i++;
                } else {
                    int codePoint = Utf8.codePointAt(bytes, i);
                    length += Character.toChars(codePoint, chars, length);
                    i += Utf8.length(codePoint);
                }
            }
            return new String(chars, 0, length);
        }

        void add(String stripped, boolean allowed) {
            number++;
            if (stripped.isEmpty()) {
                afterBlank = true;
            } else {
                list.add(new Line(number, stripped, afterBlank, allowed));
                afterBlank = false;
            }
        }

        /** The whitespace (as {@link Character#isWhitespace}) a line of valid bytes may hold below 0x80. */
        private static boolean isAsciiSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\f';
        }
    }
}
