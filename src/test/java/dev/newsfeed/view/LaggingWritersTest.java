package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.TestClock;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

/**
 * Issue 19, findings 1 and 2: records written on a view that lagged behind Kafka. A resend whose first write Kafka
 * acknowledged after all is no second version; a tombstone decided before a newer version was seen does not remove
 * that version, and marks it to be written again after the tombstone.
 */
class LaggingWritersTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0.plusSeconds(3_600));
    private final FeedView view = FeedView.inMemory(clock);
    private final List<FeedView> others = new ArrayList<>();
    private final Topics topics = new Topics();

    @AfterEach
    void closeViews() {
        view.close();
        others.forEach(FeedView::close);
    }

    @Test
    void sameTextWrittenTwiceIsOneVersionWithTheTimesAndPositionOfTheFirstRecord() {
        Article first = article("a", "Title", 0);
        Article resent = article("a", "Title", 30);
        List<FeedChange> heard = new CopyOnWriteArrayList<>();
        view.subscribe(heard::addAll);

        view.apply(List.of(topics.version(first)));
        String sinceFirst = view.page(10).changes();
        view.apply(List.of(topics.version(resent)));

        assertThat(view.find("a")).contains(first);
        assertThat(heard).as("streams hear the version once").hasSize(1);
        assertThat(view.changes(ChangeSequence.decode(sinceFirst), 10, FeedFilter.NONE).changes())
                .as("nothing changed after the first record").isEmpty();
    }

    @Test
    void sameTextAcrossTwoReplayBatchesIsStillOneVersion() {
        // A replay leaves its batches unseen until it is done: the resend must still be compared with the first.
        List<ArticleChange> replay = new ArrayList<>();
        Article first = article("a", "Title", 0);
        replay.add(topics.version(first));
        for (int i = 0; i < 1_000; i++) {
            replay.add(topics.version(article("filler-" + i, "Filler " + i, i)));
        }
        view.apply(replay, Map.of());

        view.apply(List.of(topics.version(article("a", "Title", 30))), Map.of());

        assertThat(view.find("a")).contains(first);
    }

    @Test
    void editBackToAnEarlierTextIsANewVersion() {
        Article first = article("a", "Title", 0);
        Article edit = article("a", "Edited", 10);
        Article back = article("a", "Title", 20);

        view.apply(List.of(topics.version(first), topics.version(edit)));
        view.apply(List.of(topics.version(back)));

        assertThat(view.find("a")).contains(back);
    }

    @Test
    void tombstoneMeantForARetractedTextLeavesTheNewerVersionShownAndAwaitingRewrite() {
        Article retracted = article("a", "Retracted text", 0);
        Article newer = article("a", "Newer text", 60);
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), retracted.contentHash(), retracted.source());
        // The retracting instance's tombstone failed; another instance published a new text; then a repair decided
        // on a view that had not seen the new text wrote the tombstone after it.
        view.apply(List.of(topics.version(retracted), topics.retracted(retraction), topics.version(newer)));
        view.apply(List.of(topics.tombstoneOf("a", retraction.retractedAt(), retracted.contentHash())));

        assertThat(view.find("a")).contains(newer);
        assertThat(view.awaitingRewrite(10)).containsExactly(newer);
        assertThat(view.awaitingTombstone(10)).isEmpty();
    }

    @Test
    void versionWrittenAgainAfterTheStrayTombstoneNoLongerAwaitsRewriteAndIsNotHeardAsAChange() {
        Article retracted = article("a", "Retracted text", 0);
        Article newer = article("a", "Newer text", 60);
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), retracted.contentHash(), retracted.source());
        view.apply(List.of(topics.version(retracted), topics.retracted(retraction), topics.version(newer),
                topics.tombstoneOf("a", retraction.retractedAt(), retracted.contentHash())));
        List<FeedChange> heard = new CopyOnWriteArrayList<>();
        view.subscribe(heard::addAll);

        view.apply(List.of(topics.version(newer)));

        assertThat(view.awaitingRewrite(10)).isEmpty();
        assertThat(view.find("a")).contains(newer);
        assertThat(heard).isEmpty();
    }

    @Test
    void coldRebuildOfTheSameRecordsShowsTheSameFeed() {
        Article retracted = article("a", "Retracted text", 0);
        Article newer = article("a", "Newer text", 60);
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), retracted.contentHash(), retracted.source());
        List<ArticleChange> records = List.of(topics.version(retracted), topics.retracted(retraction),
                topics.version(newer), topics.tombstoneOf("a", retraction.retractedAt(), retracted.contentHash()),
                topics.version(newer), topics.version(article("a", "Newer text", 90)));
        for (ArticleChange record : records) {
            view.apply(List.of(record));
        }
        FeedView rebuilt = FeedView.inMemory(clock);
        others.add(rebuilt);

        rebuilt.apply(records);

        assertThat(rebuilt.find("a")).contains(newer).isEqualTo(view.find("a"));
        assertThat(rebuilt.awaitingRewrite(10)).isEqualTo(view.awaitingRewrite(10)).isEmpty();
    }

    @Test
    void tombstoneNamingTheVersionItFollowsRemovesIt() {
        Article article = article("a", "Text", 0);
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), article.contentHash(), article.source());

        view.apply(List.of(topics.version(article), topics.retracted(retraction),
                topics.tombstoneOf("a", retraction.retractedAt(), article.contentHash())));

        assertThat(view.find("a")).isEmpty();
        assertThat(view.retraction("a")).contains(retraction);
        assertThat(view.awaitingTombstone(10)).isEmpty();
        assertThat(view.awaitingRewrite(10)).isEmpty();
    }

    @Test
    void tombstoneThatNamesNoTextRemovesWhateverVersionCameBefore() {
        // Tombstones written by other producers, or before tombstones named their text.
        view.apply(List.of(topics.version(article("a", "Text", 0)), topics.tombstone("a", T0.plusSeconds(5))));

        assertThat(view.find("a")).isEmpty();
        assertThat(view.awaitingRewrite(10)).isEmpty();
    }

    private static Article article(String id, String title, long secondsAfterT0) {
        ArticleText text = new ArticleText(title, null, null, List.of("Body of " + id + "."));
        return Article.first(id, "http:" + id, text, T0.plusSeconds(secondsAfterT0));
    }
}
