package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.newsfeed.article.ArticleParseException.Reason;

/**
 * The edges of the one-pass byte reader of issue 10 (line ends, BOM, whitespace, control bytes, malformed UTF-8,
 * long lines), with the answers the parser gave before it.
 */
class ArticleParserBytesTest {

    private static final String TITLE = "Kyiv Votes to Bring Back the Embankment Tram";
    private static final ArticleText ARTICLE = new ArticleText(TITLE, "The council backs it.", "A summary.",
            List.of("The first paragraph.", "The second paragraph."));

    private final ArticleParser parser = new ArticleParser();

    @Test
    void loneCarriageReturnsEndLinesLikeLineFeeds() throws Exception {
        assertThat(parse("A summary.\r" + TITLE + "\r\r" + TITLE + "\rThe council backs it.\r"
                + "The first paragraph.\rThe second paragraph.")).isEqualTo(ARTICLE);
    }

    @Test
    void crlfAndLoneCrEachCountAsOneLineInErrors() {
        ArticleParseException e = refused(TITLE + "\r\n\r\n" + TITLE + "\rThe council backs it.\r\nA body\u007F.\n");

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("U+007F (a control character)");
    }

    @Test
    void trailingNewlinesAndBlankLinesAreIgnored() throws Exception {
        assertThat(parse(canonical() + "\n\n\r\n\r\r\n \t\n")).isEqualTo(ARTICLE);
    }

    @Test
    void lineOfSpacesAndTabsIsABlankLineBeforeTheSubtitle() throws Exception {
        assertThat(parse("A summary.\n" + TITLE + "\n  \t \nThe council backs it.\nThe first paragraph.\n"
                + "The second paragraph.")).isEqualTo(ARTICLE);
    }

    @Test
    void spacesFormFeedsAndUnicodeSpacesAroundALineAreStripped() throws Exception {
        assertThat(parse("\f A summary.\u3000\n\t" + TITLE + " \f\n\u2028\n" + TITLE + "\u2029\nThe council backs it."
                + "\u00A0\u3000\nThe first paragraph.\nThe second paragraph.\f")).isEqualTo(new ArticleText(TITLE,
                        "The council backs it.\u00A0", "A summary.", ARTICLE.body()));
    }

    @Test
    void byteOrderMarkBeforeTheFirstLineIsDropped() throws Exception {
        byte[] text = bytes("EFBBBF" + HexFormat.of().formatHex(canonical().getBytes(StandardCharsets.UTF_8)));

        assertThat(parser.parse(text)).isEqualTo(ARTICLE);
    }

    @Test
    void textOfOnlyAByteOrderMarkHoldsOnlyWhitespace() {
        ArticleParseException e = assertThrows(ArticleParseException.class, () -> parser.parse(bytes("EFBBBF")));

        assertThat(e.reason()).isEqualTo(Reason.EMPTY);
        assertThat(e.getMessage()).contains("only whitespace");
    }

    @ParameterizedTest(name = "{0} is refused at its first byte")
    @ValueSource(strings = { "E9", "80", "C0AF", "C1BF", "E080AF", "EDA080", "F08FBFBF", "F4908080", "F5808080", "FF",
            "E228A1", "E280" })
    void malformedUtf8IsRefusedAtItsFirstByteWithItsLine(String hex) {
        byte[] head = (TITLE + "\n\n" + TITLE + "\nCaf").getBytes(StandardCharsets.UTF_8);
        byte[] text = bytes(HexFormat.of().formatHex(head) + hex);

        ArticleParseException e = assertThrows(ArticleParseException.class, () -> parser.parse(text));

        assertThat(e.reason()).isEqualTo(Reason.NOT_UTF8);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("line 4: byte 0x" + hex.substring(0, 2) + " at offset " + head.length
                + " is not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void controlByteAfterMalformedUtf8IsReportedFirstAsBinary() {
        ArticleParseException e = refused(TITLE + "\n\n" + TITLE + "\nCaf\uFFFD\nBody\u0000.", "EFBFBD", "E9");

        assertThat(e.reason()).isEqualTo(Reason.BINARY);
        assertThat(e.line()).isEqualTo(5);
    }

    @Test
    void nulByteIsRefusedAsBinaryWithItsLineAndOffset() {
        ArticleParseException e = refused(TITLE + "\n\n" + TITLE + "\nA body\u0000 paragraph.\n");

        assertThat(e.reason()).isEqualTo(Reason.BINARY);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("line 4: control character 0x00 at byte " + (2 * TITLE.length() + 9)
                + ": this looks like a binary file, not article text");
    }

    @ParameterizedTest(name = "lines ended by {0}")
    @ValueSource(strings = { "LF", "CRLF", "CR" })
    void byteErrorsNameTheLineAsTheParserCountsLinesWhateverTheLineEnds(String ending) {
        String end = switch (ending) {
            case "LF" -> "\n";
            case "CRLF" -> "\r\n";
            default -> "\r";
        };
        String head = TITLE + end + end + TITLE + end + "A body paragraph." + end;

        ArticleParseException binary = refused(head + "Binary\u0000." + end);
        ArticleParseException notUtf8 = assertThrows(ArticleParseException.class,
                () -> parser.parse(bytes(HexFormat.of().formatHex((head + "Caf").getBytes(StandardCharsets.UTF_8))
                        + "E9")));

        assertThat(binary.line()).as("a control byte on line 5").isEqualTo(5);
        assertThat(notUtf8.line()).as("malformed UTF-8 on line 5").isEqualTo(5);
    }

    @ParameterizedTest(name = "at {0} bytes into the line")
    @ValueSource(ints = { 0, 1, 7, 8, 9, 15, 9_999, 10_000, 10_001 })
    void controlByteDeepInAVeryLongLineIsFoundAtItsOffset(int at) {
        String head = TITLE + "\n\n" + TITLE + "\n";

        ArticleParseException e = refused(head + "a".repeat(at) + "\u001A" + "b".repeat(10_007));

        assertThat(e.reason()).isEqualTo(Reason.BINARY);
        assertThat(e.getMessage()).contains("0x1A at byte " + (head.length() + at));
    }

    @Test
    void veryLongParagraphAtItsLimitInCharactersIsAccepted() throws Exception {
        String paragraph = "a😀".repeat(ArticleField.PARAGRAPH.maxLength() / 2);

        assertThat(parse(TITLE + "\n\n" + TITLE + "\n" + paragraph).body()).containsExactly(paragraph);
    }

    @Test
    void veryLongParagraphOverItsLimitIsRefusedWithItsLength() {
        ArticleParseException e = refused(TITLE + "\n\n" + TITLE + "\n" + "a😀".repeat(10_000) + "b\n");

        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).endsWith("the body paragraph is 20001 characters long; at most 20000");
    }

    @Test
    void c1ControlEncodedInUtf8IsRefusedAsTheCharacterItIs() {
        ArticleParseException e = refused(TITLE + "\n\n" + TITLE + "\nA body\u0085paragraph.\n");

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("U+0085 (a line break) at character 7");
    }

    @Test
    void formFeedInsideALineOfBytesIsRefused() {
        ArticleParseException e = refused(TITLE + "\n\n" + TITLE + "\nA body\fparagraph.\n");

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.getMessage()).contains("U+000C (a control character)");
    }

    private static String canonical() {
        return "A summary.\n" + TITLE + "\n\n" + TITLE + "\nThe council backs it.\nThe first paragraph.\n"
                + "The second paragraph.";
    }

    private ArticleText parse(String text) throws ArticleParseException {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private ArticleParseException refused(String text) {
        return assertThrows(ArticleParseException.class, () -> parse(text));
    }

    /** The text as UTF-8, with the bytes {@code fromHex} replaced by {@code toHex} (to make it malformed). */
    private ArticleParseException refused(String text, String fromHex, String toHex) {
        String hex = HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)).replace(fromHex.toLowerCase(),
                toHex.toLowerCase());
        return assertThrows(ArticleParseException.class, () -> parser.parse(bytes(hex)));
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
