package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.TestClock;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

/**
 * A replay into an empty view skips the lookup of ids it never wrote and adds their documents without a
 * delete-by-term (issue 20): an id written again later in the same replay, in a batch nobody has seen yet, must
 * still be found and replaced, never doubled or mistaken for another.
 */
class ColdRebuildTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    /** Batches this large are a replay's: the view does not show them batch by batch. */
    private static final int REPLAY = 1_000;

    private final TestClock clock = new TestClock(T0.plusSeconds(3_600));
    private final FeedView view = FeedView.inMemory(clock);
    private final Topics topics = new Topics();

    @AfterEach
    void closeView() {
        view.close();
    }

    @Test
    void idEditedInALaterUnseenReplayBatchKeepsOneDocumentWithItsNewVersion() {
        Article original = article("x", 0, "Original title");
        Article edited = original.revisedBy(new ArticleText("Edited title", null, null, List.of("New body.")),
                original.source(), T0.plusSeconds(60));

        assertThat(view.apply(replay("a", topics.version(original)), Map.of())).isFalse();
        assertThat(view.apply(replay("b", topics.version(edited)), Map.of())).isFalse();
        view.refresh();

        assertThat(view.size()).isEqualTo(2 * REPLAY - 1);
        assertThat(view.find("x")).contains(edited);
        assertThat(view.page(null, 10, FeedFilter.of("original", null, null, null)).items()).isEmpty();
    }

    @Test
    void idRetractedInALaterUnseenReplayBatchIsHidden() {
        Article original = article("x", 0, "Original title");
        Retraction retraction = new Retraction("x", T0.plusSeconds(30), original.contentHash(), original.source());

        view.apply(replay("a", topics.version(original)), Map.of());
        view.apply(replay("b", topics.retracted(retraction)), Map.of());
        view.refresh();

        assertThat(view.size()).isEqualTo(2 * REPLAY - 2);
        assertThat(view.find("x")).isEmpty();
        assertThat(view.retraction("x")).contains(retraction);
    }

    @Test
    void versionRetractedInAnEarlierUnseenReplayBatchStaysHidden() {
        Article version = article("x", 0, "Retracted title");
        Retraction retraction = new Retraction("x", T0.plusSeconds(30), version.contentHash(), version.source());

        view.apply(replay("a", topics.retracted(retraction)), Map.of());
        view.apply(replay("b", topics.version(version)), Map.of());
        view.refresh();

        assertThat(view.find("x")).isEmpty();
        assertThat(view.retraction("x")).contains(retraction);
        assertThat(view.size()).isEqualTo(2 * REPLAY - 2);
    }

    @Test
    void idsSharingAFingerprintAreLookedUpAndKeptApart() {
        String[] twins = twins();
        Article first = article(twins[0], 0, "First twin");
        Article second = article(twins[1], 10, "Second twin");
        Article secondEdited = second.revisedBy(new ArticleText("Second twin edited", null, null, List.of("Body.")),
                second.source(), T0.plusSeconds(70));

        view.apply(replay("a", topics.version(first)), Map.of());
        view.apply(replay("b", topics.version(second)), Map.of());
        view.apply(replay("c", topics.version(secondEdited)), Map.of());
        view.refresh();

        assertThat(view.size()).isEqualTo(3 * REPLAY - 1);
        assertThat(view.find(twins[0])).contains(first);
        assertThat(view.find(twins[1])).contains(secondEdited);
    }

    @Test
    void replayAfterARebuildHoldsEachIdOnce() {
        view.apply(replay("a", topics.version(article("x", 0, "Title"))), Map.of());
        view.refresh();

        view.rebuild("a test");
        view.apply(replay("a", topics.version(article("x", 0, "Title"))), Map.of());
        view.apply(replay("a", topics.version(article("x", 0, "Title again"))), Map.of());
        view.refresh();

        assertThat(view.size()).isEqualTo(REPLAY);
        assertThat(view.find("x").map(Article::title)).contains("Title again");
    }

    @Test
    void replayOntoAViewOpenedWithArticlesReplacesThemInPlace(@TempDir Path folder) {
        try (FeedView first = FeedView.open(folder, clock)) {
            first.apply(replay("a", topics.version(article("x", 0, "Title"))), Map.of());
        }
        try (FeedView reopened = FeedView.open(folder, clock)) {
            reopened.apply(replay("a", topics.version(article("x", 0, "Title again"))), Map.of());
            reopened.refresh();

            assertThat(reopened.size()).isEqualTo(REPLAY);
            assertThat(reopened.find("x").map(Article::title)).contains("Title again");
        }
    }

    /** A batch of a replay: {@code change} and articles of the prefix's own ids, REPLAY in all. */
    private List<ArticleChange> replay(String prefix, ArticleChange change) {
        List<ArticleChange> batch = new ArrayList<>(REPLAY);
        batch.add(change);
        for (int i = 1; i < REPLAY; i++) {
            batch.add(topics.version(article(prefix + "-" + i, i, "Title " + prefix + " " + i)));
        }
        return batch;
    }

    /** Two ids of one fingerprint, found by trying ids until two collide (about 80,000 tries, by the birthday bound). */
    private static String[] twins() {
        Map<Integer, String> seen = new HashMap<>();
        for (int i = 0;; i++) {
            String id = "twin-" + i;
            String other = seen.putIfAbsent(WrittenIds.fingerprint(id), id);
            if (other != null) {
                return new String[] { other, id };
            }
        }
    }

    private static Article article(String id, long secondsAfterT0, String title) {
        ArticleText text = new ArticleText(title, null, null, List.of("Body of " + id + "."));
        return Article.first(id, "file:" + id + ".txt", text, T0.plusSeconds(secondsAfterT0));
    }
}
