package dev.newsfeed.article;

import static dev.newsfeed.article.ArticleParseException.Reason.BINARY;
import static dev.newsfeed.article.ArticleParseException.Reason.EMPTY;
import static dev.newsfeed.article.ArticleParseException.Reason.NOT_UTF8;
import static dev.newsfeed.article.ArticleParseException.Reason.NO_BODY;
import static dev.newsfeed.article.ArticleParseException.Reason.NO_TITLE;
import static dev.newsfeed.article.ArticleParseException.Reason.TOO_LONG;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parser as it was before issue 10 made it fast (regex split, CharsetDecoder, separate passes), kept as the
 * oracle of {@link ArticleParserEquivalenceTest}: the fast parser must answer every text exactly as this one does.
 */
final class LegacyArticleParser {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    ArticleText parse(byte[] bytes) throws ArticleParseException {
        refuseBinary(bytes);
        return parse(decodeUtf8(bytes));
    }

    ArticleText parse(String text) throws ArticleParseException {
        List<Line> lines = paragraphs(text);
        if (lines.isEmpty()) {
            throw new ArticleParseException(EMPTY, 1, text.isEmpty()
                    ? "the text is empty; expected a title and at least one body paragraph"
                    : "the text holds only whitespace; expected a title and at least one body paragraph");
        }
        Line first = lines.get(0);
        int titleAt = titleIndex(lines);
        Line title = lines.get(titleAt);
        int restAt = titleAt + 1;
        if (restAt < lines.size() && lines.get(restAt).text().equals(title.text())) {
            restAt++;
        }
        String summary = titleAt == 1 ? first.text() : null;
        List<Line> rest = lines.subList(restAt, lines.size());
        if (rest.isEmpty()) {
            throw new ArticleParseException(NO_BODY, title.number(),
                    "found the title \"" + abbreviate(title.text()) + "\" but no body paragraph after it");
        }
        String subtitle = rest.size() > 1 ? rest.get(0).text() : null;
        List<Line> paragraphs = rest.subList(rest.size() > 1 ? 1 : 0, rest.size());
        check(ArticleField.TITLE, title);
        if (summary != null) {
            check(ArticleField.SUMMARY, first);
        }
        if (subtitle != null) {
            check(ArticleField.SUBTITLE, rest.get(0));
        }
        if (paragraphs.size() > ArticleField.MAX_PARAGRAPHS) {
            throw new ArticleParseException(TOO_LONG, paragraphs.get(ArticleField.MAX_PARAGRAPHS).number(),
                    "the body has " + paragraphs.size() + " paragraphs; at most " + ArticleField.MAX_PARAGRAPHS);
        }
        for (Line paragraph : paragraphs) {
            check(ArticleField.PARAGRAPH, paragraph);
        }
        return new ArticleText(title.text(), subtitle, summary, paragraphs.stream().map(Line::text).toList());
    }

    private static void check(ArticleField field, Line line) throws ArticleParseException {
        ArticleField.Problem problem = field.problemWith(line.text());
        if (problem != null) {
            throw new ArticleParseException(problem.reason(), line.number(), "the " + field.label() + " "
                    + problem.detail());
        }
    }

    /**
     * The title is the line that is repeated after the blank line; in a file without the repetition, the
     * line a blank line follows. Either way it is the first or second paragraph (after an optional summary).
     */
    private static int titleIndex(List<Line> lines) throws ArticleParseException {
        for (int i = 0; i <= 1 && i + 1 < lines.size(); i++) {
            if (lines.get(i).text().equals(lines.get(i + 1).text())) {
                return i;
            }
        }
        if (lines.size() == 1) {
            return 0;
        }
        for (int i = 0; i <= 1 && i + 1 < lines.size(); i++) {
            if (lines.get(i + 1).afterBlank()) {
                return i;
            }
        }
        throw new ArticleParseException(NO_TITLE, lines.get(0).number(),
                "cannot tell the title: expected it on line 1 or 2,"
                        + " followed by a blank line or repeated on the next line");
    }

    private static List<Line> paragraphs(String text) {
        String[] raw = text.split("\r\n|\r|\n", -1);
        if (raw.length > 0 && !raw[0].isEmpty() && raw[0].charAt(0) == BYTE_ORDER_MARK) {
            raw[0] = raw[0].substring(1);
        }
        List<Line> lines = new ArrayList<>();
        boolean afterBlank = false;
        for (int i = 0; i < raw.length; i++) {
            String paragraph = raw[i].strip();
            if (paragraph.isEmpty()) {
                afterBlank = true;
            } else {
                lines.add(new Line(i + 1, paragraph, afterBlank));
                afterBlank = false;
            }
        }
        return lines;
    }

    private static void refuseBinary(byte[] bytes) throws ArticleParseException {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                throw new ArticleParseException(BINARY, lineAt(bytes, i), String.format(
                        "control character 0x%02X at byte %d: this looks like a binary file, not article text", b, i));
            }
        }
    }

    private static String decodeUtf8(byte[] bytes) throws ArticleParseException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            throw new ArticleParseException(NOT_UTF8, lineAt(bytes, offset), String.format(
                    "byte 0x%02X at offset %d is not valid UTF-8; save the file as UTF-8",
                    bytes[offset] & 0xFF, offset));
        }
        return out.flip().toString();
    }

    /**
     * The one change made to this oracle since it was frozen: byte errors counted LF alone, so a CR-only file had
     * every byte on line 1, while its text errors (split on CRLF, CR and LF) counted all three. Both parsers now
     * count byte errors as text lines are counted.
     */
    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                line++;
            }
        }
        return line;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private record Line(int number, String text, boolean afterBlank) {
    }
}
