package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.TestClock;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

class FeedViewTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0.plusSeconds(3_600));
    private final FeedView view = FeedView.inMemory(clock);
    private final List<FeedView> others = new ArrayList<>();

    @AfterEach
    void closeViews() {
        view.close();
        others.forEach(FeedView::close);
    }

    private FeedView anotherView() {
        FeedView other = FeedView.inMemory(clock);
        others.add(other);
        return other;
    }

    @Test
    void newestPublicationComesFirstAndTiesGoById() {
        view.apply(List.of(put("b", 0), put("c", 60), put("a", 0)));

        assertThat(ids(view.page(10))).containsExactly("c", "a", "b");
    }

    @Test
    void replayBatchNobodyWaitsForIsShownByTheNextRefreshAndApplySaysWhetherItShowedABatch() {
        List<ArticleChange> replay = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            replay.add(put("id-" + i, i));
        }

        assertThat(view.apply(replay, Map.of())).as("a replay is not shown batch by batch").isFalse();
        assertThat(view.size()).isZero();
        view.refresh();
        assertThat(view.size()).isEqualTo(1_000);
        assertThat(view.apply(List.of(put("lone", 0)), Map.of())).as("a small batch is shown at once").isTrue();
        assertThat(view.find("lone")).isPresent();
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
    void lastModifiedMovesOnAtEveryChangeWhateverTimesTheRecordsCarry() {
        assertThat(view.lastModified()).isEqualTo(Instant.EPOCH);

        view.apply(List.of(put("a", 60), put("b", 0)));
        Instant first = view.lastModified();
        // A record stamped long before, applied within the same second: still a later Last-Modified.
        view.apply(List.of(put("c", -86_400)));

        assertThat(first).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(view.lastModified()).isAfter(first);
    }

    @Test
    void lastModifiedStaysWhenNothingChanged() {
        view.apply(List.of(put("a", 60)));
        Instant modified = view.lastModified();

        view.apply(List.of(), Map.of("a0", 5L));

        assertThat(view.lastModified()).isEqualTo(modified);
    }

    @Test
    void laterChangeOfTheSameIdInOneBatchWins() {
        Article first = article("a", 0, "First");
        Article second = article("a", 0, "Second");

        view.apply(List.of(version(first), version(second)));

        assertThat(view.page(10).items()).containsExactly(second);
    }

    @Test
    void versionWithAnotherTextAndPublicationTimeMovesTheEntry() {
        view.apply(List.of(put("a", 0), put("b", 60)));

        // Another text: the same text again is no new version (LaggingWritersTest).
        view.apply(List.of(version(article("a", 120, "Title of a, published again"))));

        assertThat(ids(view.page(10))).containsExactly("a", "b");
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void removalDropsTheArticle() {
        view.apply(List.of(put("a", 0), put("b", 60)));

        Instant before = view.lastModified();

        view.apply(List.of(tombstone("a", T0.plusSeconds(600)), tombstone("unknown", T0)));

        assertThat(ids(view.page(10))).containsExactly("b");
        assertThat(view.find("a")).isEmpty();
        assertThat(view.retraction("a")).as("a removal is no retraction").isEmpty();
        assertThat(view.lastModified()).isAfter(before);
    }

    @Test
    void retractionHidesTheVersionItNamesInEitherOrder() {
        Article version = article("a", 0, "Title");
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), version.contentHash(), version.source());

        FeedView articleFirst = anotherView();
        articleFirst.apply(List.of(version(version), retracted(retraction)));
        FeedView retractionFirst = anotherView();
        retractionFirst.apply(List.of(retracted(retraction), version(version)));

        for (FeedView replayed : List.of(articleFirst, retractionFirst)) {
            assertThat(replayed.find("a")).isEmpty();
            assertThat(replayed.retraction("a")).contains(retraction);
            assertThat(replayed.page(10).items()).isEmpty();
        }
    }

    @Test
    void retractedVersionWithoutItsTombstoneAwaitsOneUntilTheTombstoneOrANewVersionComes() {
        Article a = article("a", 0, "Title a");
        Article b = article("b", 10, "Title b");
        Retraction ofA = new Retraction("a", T0.plusSeconds(60), a.contentHash(), a.source());
        Retraction ofB = new Retraction("b", T0.plusSeconds(30), b.contentHash(), b.source());
        view.apply(List.of(version(a), version(b), retracted(ofA), retracted(ofB), put("shown", 20)));

        assertThat(view.awaitingTombstone(10)).as("oldest retraction first").containsExactly(ofB, ofA);

        view.apply(List.of(tombstone("a", ofA.retractedAt()), version(article("b", 10, "Title b, corrected"))));

        assertThat(view.awaitingTombstone(10)).isEmpty();
    }

    @Test
    void versionAfterTheRetractionIsVisibleAgain() {
        view.apply(List.of(retracted(new Retraction("a", T0.plusSeconds(30), "hash", "file:a.txt"))));

        view.apply(List.of(put("a", 60)));

        assertThat(view.find("a")).isPresent();
        assertThat(view.retraction("a")).isEmpty();
    }

    @Test
    void articleRepublishedAfterItsRetractionIsShownWhateverTheClocksSaid() {
        // Issue 8, item 9: the instance that retracted had a clock an hour fast, the one that republished a
        // correct one. The records say what happened: the new text is not the retracted one.
        Article original = article("a", 0, "Original");
        Retraction retraction = new Retraction("a", T0.plusSeconds(3_600), original.contentHash(), original.source());
        Article republished = article("a", 60, "Corrected");

        view.apply(List.of(version(original), retracted(retraction), tombstone("a", retraction.retractedAt()),
                version(republished)));
        FeedView replayedRetractionLast = anotherView();
        replayedRetractionLast.apply(List.of(version(republished), retracted(retraction)));

        assertThat(view.find("a")).contains(republished);
        assertThat(replayedRetractionLast.find("a")).contains(republished);
    }

    @Test
    void retractedTextStaysHiddenWhenItIsPublishedAgain() {
        Article original = article("a", 0, "Original");
        Retraction retraction = new Retraction("a", T0.minusSeconds(3_600), original.contentHash(), original.source());

        view.apply(List.of(version(original), retracted(retraction), tombstone("a", retraction.retractedAt())));
        view.apply(List.of(version(article("a", 120, "Original"))));

        assertThat(view.find("a")).isEmpty();
        assertThat(view.retraction("a")).contains(retraction);
        assertThat(view.known("a").retraction()).contains(retraction);
    }

    @Test
    void replayIsShownOnceRefreshedAndRetractionsWithinItStillHideTheTextTheyName() {
        Article retracted = article("retracted", 0, "Retracted");
        Retraction retraction = new Retraction("retracted", T0, retracted.contentHash(), retracted.source());
        List<ArticleChange> first = filler("first-", 1_500);
        first.add(version(retracted));
        List<ArticleChange> second = filler("second-", 1_500);
        second.add(retracted(retraction));
        List<ArticleChange> third = filler("third-", 1_500);
        // The same text again, while the retraction that names it is not visible yet.
        third.add(version(article("retracted", 60, "Retracted")));

        view.apply(first);
        assertThat(view.size()).as("a replay batch waits to be shown").isZero();
        view.apply(second);
        view.apply(third);
        view.refresh();

        assertThat(view.size()).isEqualTo(4_500);
        assertThat(view.find("retracted")).isEmpty();
        assertThat(view.retraction("retracted")).contains(retraction);
    }

    private List<ArticleChange> filler(String prefix, int count) {
        List<ArticleChange> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(put(prefix + i, i));
        }
        return batch;
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
        FeedFilter evenIds = FeedFilter.of(null, "even", null, null, null);

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
        view.refresh();

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
        Article article = article(id, secondsAfterT0, "Title of " + id);
        boolean even = id.startsWith("id-") && Integer.parseInt(id.substring(3)) % 2 == 0;
        return version(even ? article.enriched(List.of("even"), 1, id) : article);
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
