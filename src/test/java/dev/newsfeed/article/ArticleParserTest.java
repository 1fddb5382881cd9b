package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.newsfeed.Fixtures;
import dev.newsfeed.article.ArticleParseException.Reason;

/** One test per row of the README's decision table; fixtures in src/test/resources/articles/. */
class ArticleParserTest {

    private static final String SUMMARY = "Kyiv's city council approved a plan to restore the historic tram line along the"
            + " Dnipro embankment by 2028, after a public consultation drew 40,000 responses.";
    private static final String TITLE = "Kyiv Votes to Bring Back the Embankment Tram";
    private static final String SUBTITLE = "The council backs a three-year restoration of the line closed in 2004,"
            + " funded partly by a European loan.";
    private static final List<String> BODY = List.of(
            "The Kyiv city council voted on Tuesday to restore the tram line that ran along the Dnipro embankment until 2004.",
            "Engineers expect the work to take three years. The first section, between Poshtova Square and the Podil"
                    + " district, could open in 2027.",
            "Residents had asked for the line's return in a consultation that drew more than 40,000 responses.");

    private final ArticleParser parser = new ArticleParser();

    @Test
    void canonicalLayoutGivesEveryField() throws Exception {
        ArticleText text = parse("canonical.txt");

        assertThat(text).isEqualTo(new ArticleText(TITLE, SUBTITLE, SUMMARY, BODY));
        assertThat(text.wordCount()).isEqualTo(58);
    }

    @ParameterizedTest(name = "{0} reads like the canonical layout")
    @ValueSource(strings = { "crlf.txt", "bom.txt", "trailing-spaces.txt", "extra-blank-lines.txt" })
    void toleratedVariantsReadLikeTheCanonicalLayout(String fixture) throws Exception {
        ArticleText text = parse(fixture);

        assertThat(text).isEqualTo(new ArticleText(TITLE, SUBTITLE, SUMMARY, BODY));
        assertThat(text.contentHash()).isEqualTo(parse("canonical.txt").contentHash());
    }

    @Test
    void missingRepeatedTitleTakesTheTitleBeforeTheBlankLine() throws Exception {
        assertThat(parse("missing-repeated-title.txt")).isEqualTo(new ArticleText(TITLE, SUBTITLE, SUMMARY, BODY));
    }

    @Test
    void missingSummaryLeavesItNull() throws Exception {
        assertThat(parse("missing-summary.txt")).isEqualTo(new ArticleText(TITLE, SUBTITLE, null, BODY));
    }

    @Test
    void titleThenBlankLineThenParagraphsHasNoSummary() throws Exception {
        assertThat(parse("title-blank-body.txt")).isEqualTo(new ArticleText(TITLE, SUBTITLE, null, BODY));
    }

    @Test
    void singleParagraphAfterTheTitleIsTheBodyWithoutSubtitle() throws Exception {
        assertThat(parse("single-paragraph.txt")).isEqualTo(new ArticleText(TITLE, null, SUMMARY, BODY.subList(0, 1)));
    }

    @Test
    void emptyTextIsRefused() {
        ArticleParseException e = refused("empty.txt");

        assertThat(e.reason()).isEqualTo(Reason.EMPTY);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains("empty");
    }

    @Test
    void whitespaceOnlyIsRefused() {
        ArticleParseException e = refused("whitespace.txt");

        assertThat(e.reason()).isEqualTo(Reason.EMPTY);
        assertThat(e.getMessage()).contains("only whitespace");
    }

    @Test
    void binaryContentIsRefusedWithTheOffendingByte() {
        ArticleParseException e = refused("binary.txt");

        assertThat(e.reason()).isEqualTo(Reason.BINARY);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("0x1A", "binary");
    }

    @Test
    void latin1IsRefusedWithTheLineOfTheFirstBadByte() {
        ArticleParseException e = refused("latin1.txt");

        assertThat(e.reason()).isEqualTo(Reason.NOT_UTF8);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("0xE9", "UTF-8");
    }

    @Test
    void titleOnlyIsRefusedForWantOfABody() {
        ArticleParseException e = refused("title-only.txt");

        assertThat(e.reason()).isEqualTo(Reason.NO_BODY);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).contains(TITLE, "no body paragraph");
    }

    @Test
    void titleRepeatedWithoutBodyIsRefused() {
        ArticleParseException e = assertThrows(ArticleParseException.class,
                () -> parser.parse(SUMMARY + "\n" + TITLE + "\n\n" + TITLE + "\n"));

        assertThat(e.reason()).isEqualTo(Reason.NO_BODY);
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void paragraphsWithoutATitleAreRefused() {
        ArticleParseException e = refused("no-title.txt");

        assertThat(e.reason()).isEqualTo(Reason.NO_TITLE);
        assertThat(e.getMessage()).contains("cannot tell the title");
    }

    @Test
    void tenThousandLineBodyParsesWhole() throws Exception {
        StringBuilder text = new StringBuilder(TITLE + "\n\n" + TITLE + "\n" + SUBTITLE + "\n");
        for (int i = 1; i <= 10_000; i++) {
            text.append("Paragraph ").append(i).append(" of a very long article.\n");
        }

        ArticleText article = parser.parse(text.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(article.body()).hasSize(10_000).endsWith("Paragraph 10000 of a very long article.");
        assertThat(article.wordCount()).isEqualTo(70_000);
    }

    @Test
    void seedArticleParses() throws Exception {
        ArticleText text = parser.parse(Files.readAllBytes(Path.of("seeds/000_22b61c6839899886.txt")));

        assertThat(text.title()).isEqualTo("Zelensky Invites Putin for Direct Talks Amid Trump’s Calls for Immediate Negotiation");
        assertThat(text.subtitle()).startsWith("Ukrainian President Volodymyr Zelensky expresses readiness");
        assertThat(text.summary()).startsWith("In a pivotal moment, Ukrainian President");
        assertThat(text.body()).hasSize(2);
        assertThat(text.body().get(1)).endsWith("outcomes of these critical negotiations.");
    }

    @Test
    void editedTextChangesTheHash() throws Exception {
        ArticleText original = parse("canonical.txt");
        ArticleText edited = parser.parse(Fixtures.article("canonical.txt").replace("Tuesday", "Wednesday"));

        assertThat(edited.contentHash()).isNotEqualTo(original.contentHash()).hasSize(64);
    }

    @Test
    void noncharacterInAParagraphIsRefusedWithItsLine() {
        ArticleParseException e = refused("noncharacter.txt");

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.getMessage()).contains("body paragraph", "U+FFFF (a noncharacter)");
    }

    @Test
    void bidirectionalOverrideInTheTitleIsRefused() {
        ArticleParseException e = refused("bidi-override.txt");

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("title", "U+202E");
    }

    @Test
    void formFeedInsideALineIsRefusedLikeEveryControlCharacter() {
        ArticleParseException e = assertThrows(ArticleParseException.class,
                () -> parser.parse(TITLE + "\n\n" + TITLE + "\nA body\fparagraph.\n"));

        assertThat(e.reason()).isEqualTo(Reason.ILLEGAL_CHARACTER);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("U+000C (a control character)");
    }

    @Test
    void titleOfOnlyAZeroWidthSpaceIsRefusedAsInvisible() {
        ArticleParseException e = refused("invisible-title.txt");

        assertThat(e.reason()).isEqualTo(Reason.NO_VISIBLE_TEXT);
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void titleOverItsLimitIsRefused() {
        String title = "T".repeat(ArticleField.TITLE.maxLength() + 1);

        ArticleParseException e = assertThrows(ArticleParseException.class,
                () -> parser.parse(title + "\n\n" + title + "\nBody.\n"));

        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(e.getMessage()).contains("title", "301 characters", "at most 300");
    }

    @Test
    void titleAtItsLimitCountedInCharactersNotUtf16UnitsIsAccepted() throws Exception {
        String title = "😀".repeat(ArticleField.TITLE.maxLength());

        assertThat(parser.parse(title + "\n\n" + title + "\nBody.\n").title()).isEqualTo(title);
    }

    @Test
    void paragraphOverItsLimitIsRefusedWithItsLine() {
        ArticleParseException e = assertThrows(ArticleParseException.class, () -> parser.parse(
                TITLE + "\n\n" + TITLE + "\n" + SUBTITLE + "\n" + "word ".repeat(5_000) + "\n"));

        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("body paragraph", "at most 20000");
    }

    @Test
    void moreParagraphsThanTheLimitAreRefused() {
        StringBuilder text = new StringBuilder(TITLE + "\n\n" + TITLE + "\n" + SUBTITLE + "\n");
        for (int i = 1; i <= ArticleField.MAX_PARAGRAPHS + 1; i++) {
            text.append("Paragraph ").append(i).append(".\n");
        }

        ArticleParseException e = assertThrows(ArticleParseException.class, () -> parser.parse(text.toString()));

        assertThat(e.reason()).isEqualTo(Reason.TOO_LONG);
        assertThat(e.getMessage()).contains("10001 paragraphs", "at most 10000");
    }

    private ArticleText parse(String fixture) throws ArticleParseException {
        return parser.parse(Fixtures.bytes("/articles/" + fixture));
    }

    private ArticleParseException refused(String fixture) {
        return assertThrows(ArticleParseException.class, () -> parse(fixture));
    }

}
