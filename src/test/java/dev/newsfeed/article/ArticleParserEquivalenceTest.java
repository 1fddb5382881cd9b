package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.newsfeed.article.ArticleParseException.Reason;

/**
 * Issue 10 rewrote the parser for speed and promised the same answer to every text: the same article, or the
 * same error (reason, line and message). Random texts built from the edges that matter (line ends, BOM,
 * whitespace, refused characters, control bytes, malformed UTF-8, long lines) are given to both parsers.
 */
class ArticleParserEquivalenceTest {

    private static final int TEXTS = 5_000;
    /** Few distinct lines, so that titles repeat and many texts parse. */
    private static final List<String> LINES = List.of("Kyiv Votes to Bring Back the Tram", "The council backs it.",
            "Work starts in spring.", "Café “Dnipro” reopens’ doors 😀");
    private static final List<String> BREAKS = List.of("\n", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r\n",
            "\n \t\n");
    private static final List<String> PIECES = List.of(" ", "\t", "\f", "\u3000", "\u00A0", "\u2028", "\u2029",
            "\uFEFF", "\u200B", "\u0301", "\u0085", "\u007F", "\uFFFF", "\uFDD0", "\u202E", "\u2066", "\u061C", "é",
            "\uD83D\uDE00", "\uDBFF\uDFFF", "x", "T".repeat(301), "word ".repeat(4_001));
    private static final List<byte[]> BAD_BYTES = List.of(bytes(0x00), bytes(0x1A), bytes(0x0B), bytes(0x1F),
            bytes(0xE9), bytes(0x80), bytes(0xBF), bytes(0xC0, 0xAF), bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80), bytes(0xE2, 0x80), bytes(0xF0, 0x8F, 0xBF, 0xBF), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF5, 0x80, 0x80, 0x80), bytes(0xF8), bytes(0xFF), bytes(0xE2, 0x28, 0xA1), bytes(0xEF, 0xBB, 0xBF));

    private final ArticleParser parser = new ArticleParser();
    private final LegacyArticleParser legacy = new LegacyArticleParser();
    /** What the texts met, so that a change to the generator cannot leave an answer untried. */
    private final Set<Reason> refusals = EnumSet.noneOf(Reason.class);
    private int articles;

    @Test
    void everyRandomByteTextGetsTheAnswerTheLegacyParserGave() {
        Random random = new Random(10);
        for (int i = 0; i < TEXTS; i++) {
            byte[] text = byteText(random);

            assertThat(answer(() -> parser.parse(text)))
                    .as("text %d: %s", i, new String(text, StandardCharsets.ISO_8859_1))
                    .isEqualTo(answer(() -> legacy.parse(text)));
        }
        assertThat(refusals).isEqualTo(EnumSet.allOf(Reason.class));
        assertThat(articles).as("articles, counted for both parsers").isGreaterThan(TEXTS / 5);
    }

    @Test
    void everyRandomStringTextGetsTheAnswerTheLegacyParserGave() {
        Random random = new Random(11);
        for (int i = 0; i < TEXTS; i++) {
            String text = stringText(random) + (random.nextInt(8) == 0 ? "\uD800 lone" : "");

            assertThat(answer(() -> parser.parse(text))).as("text %d: %s", i, text)
                    .isEqualTo(answer(() -> legacy.parse(text)));
        }
        assertThat(refusals).isEqualTo(EnumSet.complementOf(EnumSet.of(Reason.BINARY, Reason.NOT_UTF8)));
        assertThat(articles).as("articles, counted for both parsers").isGreaterThan(TEXTS / 5);
    }

    private static byte[] byteText(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] text = stringText(random).getBytes(StandardCharsets.UTF_8);
        int bad = random.nextInt(4) == 0 ? random.nextInt(text.length + 1) : -1;
        for (int i = 0; i <= text.length; i++) {
            if (i == bad) {
                out.writeBytes(BAD_BYTES.get(random.nextInt(BAD_BYTES.size())));
            }
            if (i < text.length) {
                out.write(text[i]);
            }
        }
        return out.toByteArray();
    }

    private static String stringText(Random random) {
        StringBuilder text = new StringBuilder(random.nextInt(6) == 0 ? "\uFEFF" : "");
        int lines = random.nextInt(9);
        String line = "";
        for (int i = 0; i < lines; i++) {
            if (i == 0 || random.nextInt(3) != 0) {
                line = random.nextInt(20) == 0 ? piece(random) : LINES.get(random.nextInt(LINES.size()));
            }
            text.append(random.nextInt(6) == 0 ? piece(random) : "").append(line);
            if (random.nextInt(6) == 0) {
                text.insert(text.length() - random.nextInt(Math.min(5, text.length() + 1)), piece(random));
            }
            text.append(random.nextInt(6) == 0 ? piece(random) : "");
            if (i + 1 < lines || random.nextBoolean()) {
                text.append(BREAKS.get(random.nextInt(BREAKS.size())));
            }
        }
        return text.toString();
    }

    private static String piece(Random random) {
        return PIECES.get(random.nextInt(PIECES.size()));
    }

    /** The article or the whole error, noted in what the texts met. */
    private String answer(Parse parse) {
        try {
            ArticleText text = parse.run();
            articles++;
            return "article " + text;
        } catch (ArticleParseException e) {
            refusals.add(e.reason());
            return e.reason() + " at line " + e.line() + ": " + e.getMessage();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private interface Parse {
        ArticleText run() throws ArticleParseException;
    }
}
