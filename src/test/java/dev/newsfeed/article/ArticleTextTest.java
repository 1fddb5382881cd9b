package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** How an article's words are counted. */
class ArticleTextTest {

    @Test
    void aWordIsARunBetweenAsciiSpacesWithALetterOrDigitInIt() {
        // NBSP and the em space join words; a dash or quote alone is no word; digits are.
        assertThat(words("One two\tthree\u000Bfour\ffive\rsix", " — ' 1999 ", "a\u00A0b c\u2003d", "  ", "x-ray, 😀 𝔸")).isEqualTo(11);
    }

    @Test
    void countIsTheSameAsSplittingOnAsciiWhitespaceForRandomTexts() {
        String alphabet = "ab1 \t\n\u000B\f\r\u00A0\u2003-—'.😀𝔸é\u0301";
        Random random = new Random(7);
        for (int n = 0; n < 5_000; n++) {
            List<String> body = new ArrayList<>();
            for (int p = random.nextInt(4); p >= 0; p--) {
                StringBuilder paragraph = new StringBuilder();
                for (int c = random.nextInt(30); c > 0; c--) {
                    paragraph.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                body.add(paragraph.toString());
            }
            assertThat(new ArticleText("t", null, null, body).wordCount()).as("body %s", body)
                    .isEqualTo(bySplitting(body));
        }
    }

    /** The count as the first version took it, by regular expression: the reference for the one-pass count. */
    private static long bySplitting(List<String> body) {
        return body.stream().flatMap(paragraph -> List.of(paragraph.split("\\s+")).stream())
                .filter(token -> token.codePoints().anyMatch(Character::isLetterOrDigit)).count();
    }

    private static int words(String... body) {
        return new ArticleText("t", null, null, List.of(body)).wordCount();
    }
}
