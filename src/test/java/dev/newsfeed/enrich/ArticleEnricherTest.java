package dev.newsfeed.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleParser;

/** The tag heuristic on articles of different kinds, and the derived reading time and slug. */
class ArticleEnricherTest {

    private final ArticleEnricher enricher = new ArticleEnricher();

    @Test
    void politicsSeedIsTaggedWithItsPeopleAndPlacesNotItsWeekdayOrTitles() throws Exception {
        Article article = enrich(Files.readAllBytes(Path.of("seeds/000_22b61c6839899886.txt")));

        assertThat(article.tags()).contains("volodymyr-zelensky", "vladimir-putin", "donald-trump", "istanbul",
                "ukraine", "russia");
        assertThat(article.tags()).doesNotContain("thursday", "ukrainian", "president", "zelensky", "putin", "western");
        assertThat(article.slug()).as("at most 80 characters, whole words")
                .isEqualTo("zelensky-invites-putin-for-direct-talks-amid-trumps-calls-for-immediate");
    }

    @Test
    void localNewsKeepsPlacesAndDropsCommonWordsThatStartASentence() throws Exception {
        Article article = enrich(Fixtures.bytes("/articles/canonical.txt"));

        assertThat(article.tags()).contains("kyiv", "dnipro", "poshtova-square", "podil");
        assertThat(article.tags()).doesNotContain("tuesday", "engineers", "residents", "european");
    }

    @Test
    void sportsArticleFindsClubsPlayersAndGroundWithAccentsFolded() throws Exception {
        Article article = enrich(Fixtures.bytes("/enrichment/sports.txt"));

        assertThat(article.tags()).contains("real-madrid", "bayern-munich", "vinicius-junior", "santiago-bernabeu",
                "harry-kane", "germany");
        assertThat(article.tags()).doesNotContain("saturday", "supporters");
    }

    @Test
    void businessArticleDropsRolesFromNames() throws Exception {
        Article article = enrich(Fixtures.bytes("/enrichment/business.txt"));

        assertThat(article.tags()).startsWith("siemens-energy")
                .contains("frankfurt", "christian-bruch", "deutsche-bank");
        assertThat(article.tags()).doesNotContain("monday", "chief-executive-christian-bruch", "shares", "analysts");
    }

    @Test
    void scienceArticleKeepsMultiWordNamesAndAcronyms() throws Exception {
        Article article = enrich(Fixtures.bytes("/enrichment/science.txt"));

        assertThat(article.tags()).contains("james-webb-space-telescope", "nasa");
        assertThat(article.tags()).doesNotContain("wednesday", "march", "astronomers", "scientists", "further");
    }

    @Test
    void readingTimeIsWordsAt265AMinuteRoundedUp() throws Exception {
        Article seed = enrich(Files.readAllBytes(Path.of("seeds/000_22b61c6839899886.txt")));
        Article shortOne = enrich("Title\n\nOne short paragraph.".getBytes());

        assertThat(seed.wordCount()).isEqualTo(149);
        assertThat(seed.readingMinutes()).isEqualTo(1);
        assertThat(shortOne.readingMinutes()).isEqualTo(1);
        // One word past a whole minute starts the next one (266 words rounded to the nearest would be 1 minute).
        assertThat(enrich(bodyOf(265)).readingMinutes()).isEqualTo(1);
        assertThat(enrich(bodyOf(266)).readingMinutes()).isEqualTo(2);
        assertThat(enrich(bodyOf(531)).readingMinutes()).isEqualTo(3);
    }

    /** A title and one paragraph of exactly {@code words} words. */
    private static byte[] bodyOf(int words) {
        return ("Title\n\n" + "word ".repeat(words).strip()).getBytes(StandardCharsets.UTF_8);
    }

    private Article enrich(byte[] text) throws Exception {
        return enricher.enrich(Article.first("id", "file:id.txt", new ArticleParser().parse(text),
                Instant.parse("2026-05-01T10:00:00Z")));
    }

}
