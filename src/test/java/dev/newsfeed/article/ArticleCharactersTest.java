package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule of issue 9, finding 1: what XML 1.0 allows, less what a reader cannot show or what misleads one. */
class ArticleCharactersTest {

    @ParameterizedTest(name = "U+{0} is refused")
    @ValueSource(strings = { "0000", "0001", "0007", "000A", "000B", "000C", "000D", "001B", "007F", "0085", "009B",
            "D800", "DFFF", "FDD0", "FFFE", "FFFF", "1FFFF", "10FFFF", "2028", "2029", "202A", "202E", "2066", "2069" })
    void characterXmlRefusesOrNoReaderShowsIsRefused(String hex) {
        int codePoint = Integer.parseInt(hex, 16);

        assertThat(ArticleCharacters.allowed(codePoint)).isFalse();
        assertThat(ArticleCharacters.firstRefused("ab" + new String(Character.toChars(codePoint)))).isEqualTo(2);
    }

    @ParameterizedTest(name = "U+{0} is allowed")
    @ValueSource(strings = { "0009", "0020", "0041", "00E9", "00A0", "00AD", "0627", "05D0", "200B", "200D", "200E",
            "200F", "061C", "2019", "4E2D", "E000", "FFFD", "1F600", "10FFFD" })
    void textAReaderShowsIsAllowed(String hex) {
        assertThat(ArticleCharacters.allowed(Integer.parseInt(hex, 16))).isTrue();
    }

    @Test
    void displayableReplacesRefusedCharactersAndKeepsTheRest() {
        assertThat(ArticleCharacters.displayable("a\u0001b\uFFFFc\uD800d\u202Ee\nf\u2028g\tπ😀"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe f g\tπ😀");
        String clean = "Kyiv Votes";
        assertThat(ArticleCharacters.displayable(clean)).isSameAs(clean);
        assertThat(ArticleCharacters.displayable(null)).isNull();
    }

    @Test
    void onlyLettersDigitsPunctuationAndSymbolsAreVisible() {
        assertThat(ArticleCharacters.visible("\u200B")).isFalse();
        assertThat(ArticleCharacters.visible(" \u00A0\u3000\u200D\uFEFF\u3164\u2800")).isFalse();
        assertThat(ArticleCharacters.visible("\u0301\u0308")).as("combining marks alone").isFalse();
        assertThat(ArticleCharacters.visible("\u200Bx")).isTrue();
        assertThat(ArticleCharacters.visible("…")).isTrue();
        assertThat(ArticleCharacters.visible("€")).isTrue();
        assertThat(ArticleCharacters.visible("日本")).isTrue();
    }

    @Test
    void describeNamesTheCodePointAndWhyItIsRefused() {
        assertThat(ArticleCharacters.describe(0x01)).isEqualTo("U+0001 (a control character)");
        assertThat(ArticleCharacters.describe(0xFFFF)).isEqualTo("U+FFFF (a noncharacter)");
        assertThat(ArticleCharacters.describe(0xD800)).isEqualTo("U+D800 (a lone surrogate)");
        assertThat(ArticleCharacters.describe(0x202E)).isEqualTo("U+202E (a bidirectional override)");
    }
}
