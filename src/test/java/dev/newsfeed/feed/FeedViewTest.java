package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

class FeedViewTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final FeedView view = new FeedView();

    @Test
    void newestPublicationComesFirstAndTiesGoById() {
        view.apply(List.of(put("b", 0), put("c", 60), put("a", 0)));

        assertThat(ids(view.page(10))).containsExactly("c", "a", "b");
    }

    @Test
    void newerVersionReplacesTheOlderOneInPlace() {
        view.apply(List.of(put("a", 0), put("b", 60)));
        Article edited = article("a", 0, "Edited title");

        view.apply(List.of(version(edited)));

        assertThat(view.size()).isEqualTo(2);
        assertThat(ids(view.page(10))).containsExactly("b", "a");
        assertThat(view.find("a")).contains(edited);
        assertThat(view.holds("a", edited.contentHash())).isTrue();
    }

    @Test
    void lastModifiedIsTheLatestUpdateApplied() {
        assertThat(view.lastModified()).isEqualTo(Instant.EPOCH);

        view.apply(List.of(put("a", 60), put("b", 0)));

        assertThat(view.lastModified()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void laterChangeOfTheSameIdInOneBatchWins() {
        Article first = article("a", 0, "First");
        Article second = article("a", 0, "Second");

        view.apply(List.of(version(first), version(second)));

        assertThat(view.page(10).items()).containsExactly(second);
    }

    @Test
    void versionWithAnotherPublicationTimeMovesTheEntry() {
        view.apply(List.of(put("a", 0), put("b", 60)));

        view.apply(List.of(put("a", 120)));

        assertThat(ids(view.page(10))).containsExactly("a", "b");
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void removalDropsTheArticle() {
        view.apply(List.of(put("a", 0), put("b", 60)));

        view.apply(List.of(tombstone("a", T0.plusSeconds(600)), tombstone("unknown", T0)));

        assertThat(ids(view.page(10))).containsExactly("b");
        assertThat(view.find("a")).isEmpty();
        assertThat(view.lastModified()).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void retractionHidesEveryVersionUpToItsTimeInEitherOrder() {
        Article version = article("a", 0, "Title");
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), version.contentHash(), version.source());

        FeedView articleFirst = new FeedView();
        articleFirst.apply(List.of(version(version), retracted(retraction)));
        FeedView retractionFirst = new FeedView();
        retractionFirst.apply(List.of(retracted(retraction), version(version)));

        for (FeedView replayed : List.of(articleFirst, retractionFirst)) {
            assertThat(replayed.find("a")).isEmpty();
            assertThat(replayed.retraction("a")).contains(retraction);
            assertThat(replayed.page(10).items()).isEmpty();
        }
    }

    @Test
    void versionAfterTheRetractionIsVisibleAgain() {
        view.apply(List.of(retracted(new Retraction("a", T0.plusSeconds(30), "hash", "file:a.txt"))));

        view.apply(List.of(put("a", 60)));

        assertThat(view.find("a")).isPresent();
        assertThat(view.retraction("a")).isEmpty();
    }

    @Test
    void cursorPagesThroughEveryArticleOnce() {
        List<ArticleChange> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(put("id-" + i, i));
        }
        view.apply(batch);

        List<String> seen = new ArrayList<>();
        FeedPage page = view.page(10);
        seen.addAll(ids(page));
        while (page.next() != null) {
            page = view.page(page.next(), 10);
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(25).doesNotHaveDuplicates().startsWith("id-24", "id-23").endsWith("id-0");
    }

    @Test
    void articlePublishedWhilePagingDoesNotShiftLaterPages() {
        view.apply(List.of(put("a", 30), put("b", 20), put("c", 10)));
        FeedPage first = view.page(2);

        view.apply(List.of(put("newer", 40)));
        FeedPage second = view.page(first.next(), 2);

        assertThat(ids(first)).containsExactly("a", "b");
        assertThat(ids(second)).containsExactly("c");
        assertThat(second.next()).isNull();
    }

    @Test
    void filteredPagesVisitEveryMatchingArticleOnceAndEndWithoutACursor() {
        List<ArticleChange> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(put("id-" + i, i));
        }
        view.apply(batch);
        Predicate<Article> evenIds = article -> Integer.parseInt(article.id().substring(3)) % 2 == 0;

        List<String> seen = new ArrayList<>();
        FeedPage page = view.page(null, 4, evenIds);
        seen.addAll(ids(page));
        while (page.next() != null) {
            page = view.page(page.next(), 4, evenIds);
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(15).doesNotHaveDuplicates().allMatch(id -> Integer.parseInt(id.substring(3)) % 2 == 0);
        assertThat(view.page(null, 15, evenIds).next()).as("no empty last page").isNull();
    }

    @Test
    void lastPageHasNoNextCursor() {
        view.apply(List.of(put("a", 0), put("b", 1)));

        assertThat(view.page(2).next()).isNull();
        assertThat(view.page(1).next()).isNotNull();
    }

    @Test
    void cursorNotIssuedByTheFeedIsRefused() {
        assertThrows(InvalidCursorException.class, () -> view.page("not-a-cursor", 10));
        assertThrows(InvalidCursorException.class, () -> view.page("bm90IGEgY3Vyc29y", 10));
    }

    @Test
    void replayOfManyArticlesInPollSizedBatchesHoldsThemAll() {
        int articles = 100_000;
        List<ArticleChange> batch = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            batch.add(put("id-" + i, i));
            if (batch.size() == 2_000) {
                view.apply(batch);
                batch = new ArrayList<>();
            }
        }
        view.apply(batch);

        assertThat(view.size()).isEqualTo(articles);
        assertThat(ids(view.page(1))).containsExactly("id-" + (articles - 1));
    }

    private final Topics topics = new Topics();

    private ArticleChange version(Article article) {
        return topics.version(article);
    }

    private ArticleChange tombstone(String id, Instant at) {
        return topics.tombstone(id, at);
    }

    private ArticleChange retracted(Retraction retraction) {
        return topics.retracted(retraction);
    }

    private ArticleChange put(String id, long secondsAfterT0) {
        return version(article(id, secondsAfterT0, "Title of " + id));
    }

    private static Article article(String id, long secondsAfterT0, String title) {
        ArticleText text = new ArticleText(title, null, null, List.of("Body of " + id + "."));
        Instant at = T0.plusSeconds(secondsAfterT0);
        return Article.first(id, "file:" + id + ".txt", text, at);
    }

    private static List<String> ids(FeedPage page) {
        return page.items().stream().map(Article::id).toList();
    }
}
