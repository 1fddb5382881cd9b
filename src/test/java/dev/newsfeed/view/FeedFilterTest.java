package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

class FeedFilterTest {

    private static final Instant NOON = Instant.parse("2026-05-01T12:00:00Z");
    private static final Article CAFE = Article.first("cafe", "file:world/cafe.txt", new ArticleText(
            "Le Café de Flore rouvre", "Après travaux", null, List.of("Les habitués de Saint-Germain sont revenus.")), NOON);

    @Test
    void wordsMatchIgnoringCaseAndAccentsAndMustAllAppear() {
        assertThat(FeedFilter.of("cafe FLORE", null, null, null)).accepts(CAFE);
        assertThat(FeedFilter.of("habitués apres", null, null, null)).accepts(CAFE);
        assertThat(FeedFilter.of("cafe kyiv", null, null, null)).rejects(CAFE);
    }

    @Test
    void sourcePrefixSelectsAFolderOrAnOrigin() {
        assertThat(FeedFilter.of(null, "file:world/", null, null)).accepts(CAFE);
        assertThat(FeedFilter.of(null, "http:", null, null)).rejects(CAFE);
    }

    @Test
    void publicationWindowIncludesFromAndExcludesTo() {
        assertThat(FeedFilter.of(null, null, NOON, NOON.plusSeconds(1))).accepts(CAFE);
        assertThat(FeedFilter.of(null, null, NOON.plusSeconds(1), null)).rejects(CAFE);
        assertThat(FeedFilter.of(null, null, null, NOON)).rejects(CAFE);
    }

    @Test
    void tagSelectsArticlesThatCarryIt() {
        Article tagged = CAFE.enriched(List.of("saint-germain"), 1, "le-cafe-de-flore-rouvre");

        assertThat(FeedFilter.of(null, "saint-germain", null, null, null)).accepts(tagged).rejects(CAFE);
    }

    @Test
    void blankParametersFilterNothing() {
        assertThat(FeedFilter.of(" ", "", null, null).isNone()).isTrue();
        assertThat(FeedFilter.of(" ", "", null, null)).accepts(CAFE);
    }

    @Test
    void loneStarIsTextWithNoWordAndFindsNothing() {
        // Issue 22, finding 9: Lucene's SimpleQueryParser takes a lone * for "every document".
        assertThat(FeedFilter.of("*", null, null, null)).rejects(CAFE);
        assertThat(FeedFilter.of(" * ", null, null, null)).rejects(CAFE);
        assertThat(FeedFilter.of("cafe *", null, null, null)).accepts(CAFE);
    }
}
