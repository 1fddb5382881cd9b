package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.problem.ProblemException;

/** Search in the index: words not substrings, case and accents folded, phrases, relevance, tag counts. */
class FeedSearchTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final FeedView view = FeedView.inMemory();
    private final Topics topics = new Topics();

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void wordMatchesWholeWordsNotTextInsideOtherWords() {
        add("war", 10, "The war in the north", "Troops moved.");
        add("software", 20, "New software released", "It ships today.");

        assertThat(ids("war")).containsExactly("war");
        assertThat(ids("soft")).isEmpty();
    }

    @Test
    void caseAndAccentsAreFoldedInTextAndInQueries() {
        add("cafe", 10, "Le Café de Flore rouvre", "Les habitués sont revenus.");

        assertThat(ids("CAFE flore")).containsExactly("cafe");
        assertThat(ids("café")).containsExactly("cafe");
        assertThat(ids("habitues")).containsExactly("cafe");
    }

    @Test
    void everyWordMustAppearSomewhereInTheArticle() {
        add("both", 10, "Kyiv tram returns", "The council voted in Kyiv.");
        add("one", 20, "Tram strike", "Nothing about the city.");

        assertThat(ids("kyiv tram")).containsExactly("both");
    }

    @Test
    void quotedPhraseKeepsItsWordsTogetherAndInOrder() {
        add("together", 10, "Direct talks in Istanbul", "Leaders agreed to direct talks.");
        add("apart", 20, "Talks, not direct", "The talks were not direct at all.");

        assertThat(ids("\"direct talks\"")).containsExactly("together");
        assertThat(ids("direct talks")).containsExactlyInAnyOrder("together", "apart");
    }

    @Test
    void phraseDoesNotRunFromOneParagraphIntoTheNext() {
        add("split", 10, "A title", "It ended with direct.", "Talks began later.");

        assertThat(ids("\"direct talks\"")).isEmpty();
    }

    @Test
    void relevanceOrderPutsTheBestMatchFirstAndPagesByItsCursor() {
        add("title-match", 10, "Tram returns to Kyiv", "A short note.");
        add("body-mention", 30, "City news", "Among other things, a tram.");
        add("no-match", 40, "Weather", "Rain.");

        FeedFilter tram = FeedFilter.of("tram", null, null, null, null);
        FeedPage first = view.page(null, 1, tram, FeedOrder.RELEVANCE);
        FeedPage second = view.page(first.next(), 1, tram, FeedOrder.RELEVANCE);

        assertThat(ids(first)).containsExactly("title-match");
        assertThat(ids(second)).containsExactly("body-mention");
        assertThat(second.next()).isNull();
        assertThat(ids(view.page(null, 10, tram, FeedOrder.NEWEST))).containsExactly("body-mention", "title-match");
    }

    @Test
    void cursorOfOneOrderIsRefusedInTheOther() {
        add("a", 10, "Tram", "Tram.");
        add("b", 20, "Tram", "Tram.");
        FeedFilter tram = FeedFilter.of("tram", null, null, null, null);

        String newest = view.page(null, 1, tram, FeedOrder.NEWEST).next();
        String relevance = view.page(null, 1, tram, FeedOrder.RELEVANCE).next();

        assertThrows(InvalidCursorException.class, () -> view.page(newest, 1, tram, FeedOrder.RELEVANCE));
        assertThrows(InvalidCursorException.class, () -> view.page(relevance, 1, tram, FeedOrder.NEWEST));
    }

    @Test
    void searchWithoutWordsFindsNothingAndHostileSyntaxIsJustText() {
        add("a", 10, "Plain title", "Plain body.");

        assertThat(ids("!!!")).isEmpty();
        assertThat(ids("plain (title) +-*~ \\ [")).containsExactly("a");
    }

    @Test
    void searchLongerThanTheLimitsIsRefused() {
        assertThrows(ProblemException.class,
                () -> FeedFilter.of("x".repeat(FeedFilter.MAX_QUERY_LENGTH + 1), null, null, null, null));
        String words = String.join(" ", Collections.nCopies(FeedFilter.MAX_QUERY_WORDS + 1, "word"));
        assertThrows(ProblemException.class, () -> FeedFilter.of(words, null, null, null, null));
    }

    @Test
    void filterTestsOneArticleAsTheIndexDoes() {
        Article cafe = article("cafe", 10, "Le Café de Flore", List.of("Direct talks began."));

        assertThat(FeedFilter.of("cafe", null, null, null, null)).accepts(cafe);
        assertThat(FeedFilter.of("\"direct talks\"", null, null, null, null)).accepts(cafe);
        assertThat(FeedFilter.of("\"talks direct\"", null, null, null, null)).rejects(cafe);
        assertThat(FeedFilter.of("caf", null, null, null, null)).rejects(cafe);
    }

    @Test
    void sourcePrefixFindsExactlyTheSourcesUnderItAloneOrBesideAWord() {
        // Enough sources under one prefix that checking a few candidates' doc values beats gathering every
        // term: both ways of matching a prefix must give the same answer.
        List<ArticleChange> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            batch.add(topics.version(Article.first("w" + i, "file:world/" + i + ".txt", new ArticleText("World " + i,
                    null, null, List.of(i == 1_234 ? "The okavango delta." : "Nothing rare.")), T0.plusSeconds(i))));
        }
        batch.add(topics.version(Article.first("accent", "file:world/é.txt", new ArticleText("Accent", null, null,
                List.of("The okavango delta.")), T0)));
        batch.add(topics.version(Article.first("wide", "file:worldwide/a.txt", new ArticleText("Wide", null, null,
                List.of("The okavango delta.")), T0)));
        batch.add(topics.version(Article.first("web", "http:https://example.com/world/", new ArticleText("Web", null,
                null, List.of("The okavango delta.")), T0)));
        view.apply(batch);
        view.refresh();

        FeedFilter world = FeedFilter.of(null, "file:world/", null, null);
        List<String> all = new ArrayList<>();
        for (FeedPage page = view.page(null, 500, world); ; page = view.page(page.next(), 500, world)) {
            all.addAll(ids(page));
            if (page.next() == null) {
                break;
            }
        }
        assertThat(all).hasSize(2_001).contains("accent", "w0", "w1999").doesNotContain("wide", "web");
        assertThat(ids(view.page(null, 100, FeedFilter.of("okavango", "file:world/", null, null))))
                .containsExactlyInAnyOrder("w1234", "accent");
        assertThat(ids(view.page(null, 100, FeedFilter.of("okavango", "file:world", null, null))))
                .containsExactlyInAnyOrder("w1234", "accent", "wide");
    }

    @Test
    void tagCountsComeFromTheArticlesShownNow() {
        view.apply(List.of(topics.version(article("a", 10, "A", List.of("Body.")).enriched(List.of("kyiv", "tram"), 1,
                "a")), topics.version(article("b", 20, "B", List.of("Body.")).enriched(List.of("kyiv"), 1, "b"))));
        view.apply(List.of(topics.version(article("b", 20, "B edited", List.of("Body.")).enriched(List.of("lviv"), 1,
                "b")), topics.tombstone("a", T0.plusSeconds(30))));

        assertThat(view.tags()).containsExactly(new TagCount("lviv", 1));
    }

    private void add(String id, long secondsAfterT0, String title, String... paragraphs) {
        view.apply(List.of(topics.version(article(id, secondsAfterT0, title, List.of(paragraphs)))));
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        for (Article article : view.page(null, 100, FeedFilter.of(query, null, null, null, null)).items()) {
            ids.add(article.id());
        }
        return ids;
    }

    private static List<String> ids(FeedPage page) {
        return page.items().stream().map(Article::id).toList();
    }

    private static Article article(String id, long secondsAfterT0, String title, List<String> body) {
        return Article.first(id, "file:" + id + ".txt", new ArticleText(title, null, null, body),
                T0.plusSeconds(secondsAfterT0));
    }
}
