package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;

/** The changes feed: what a client holding a since token gets, and what a live listener hears. */
class FeedViewChangesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final FeedView view = FeedView.inMemory();
    private final FeedView other = FeedView.inMemory();
    private final Topics topics = new Topics();

    @AfterEach
    void closeViews() {
        view.close();
        other.close();
    }

    @Test
    void fromTheBeginningEveryArticleComesOnceOldestFirst() {
        view.apply(List.of(topics.version(article("b", 10, "B")), topics.version(article("a", 20, "A")),
                topics.version(article("c", 30, "C"))));

        ChangesPage page = changesSince(ChangeSequence.beginning());

        assertThat(summaries(page)).containsExactly("published b", "published a", "published c");
        assertThat(page.more()).isFalse();
        assertThat(page.changes().get(0).article().title()).isEqualTo("B");
    }

    @Test
    void afterAPollOnlyWhatChangedSinceComes() {
        Article a = article("a", 10, "A");
        view.apply(List.of(topics.version(a), topics.version(article("b", 20, "B"))));
        ChangeSequence polled = decode(changesSince(ChangeSequence.beginning()).next());

        Article edited = a.revisedBy(new ArticleText("A, edited", null, null, List.of("New body.")), a.source(),
                T0.plusSeconds(40));
        view.apply(List.of(topics.version(edited), topics.version(article("c", 50, "C"))));

        ChangesPage page = changesSince(polled);
        assertThat(summaries(page)).containsExactly("updated a", "published c");
        assertThat(page.changes().get(0).article().title()).isEqualTo("A, edited");
        assertThat(changesSince(decode(page.next())).changes()).as("nothing after the last poll").isEmpty();
    }

    @Test
    void retractionComesAsAChangeWithItsRecord() {
        view.apply(List.of(topics.version(article("a", 10, "A")), topics.version(article("b", 20, "B"))));
        ChangeSequence polled = decode(changesSince(ChangeSequence.beginning()).next());
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), "hash-of-a", "file:a.txt");

        List<FeedChange> heard = new ArrayList<>();
        view.subscribe(heard::addAll);

        // As DELETE writes them: the retraction record, then a tombstone stamped with the retraction's time.
        view.apply(List.of(topics.retracted(retraction), topics.tombstone("a", T0.plusSeconds(30))));

        assertThat(heard).extracting(FeedChange::type).as("one change, not one per record")
                .containsExactly(FeedChange.Type.retracted);
        ChangesPage page = changesSince(polled);
        assertThat(summaries(page)).containsExactly("retracted a");
        assertThat(page.changes().get(0).retraction()).isEqualTo(retraction);
        assertThat(page.changes().get(0).article()).isNull();
        assertThat(summaries(changesSince(ChangeSequence.beginning()))).containsExactly("published b", "retracted a");
    }

    @Test
    void retractionAndTombstoneFileTheIdUnderTheSamePositionInEitherReadingOrder() {
        Article a = article("a", 10, "A");
        Retraction retraction = new Retraction("a", T0.plusSeconds(30), a.contentHash(), a.source());
        ArticleChange version = topics.version(a);
        ArticleChange retracted = topics.retracted(retraction);
        ArticleChange tombstone = topics.tombstone("a", T0.plusSeconds(30));

        view.apply(List.of(version, retracted, tombstone));
        other.apply(List.of(version, tombstone, retracted));

        ChangesPage here = changesSince(ChangeSequence.beginning());
        ChangesPage there = other.changes(ChangeSequence.beginning(), 10, FeedFilter.NONE);
        assertThat(here.changes()).isEqualTo(there.changes());
        assertThat(here.next()).isEqualTo(there.next());
    }

    @Test
    void articleRepublishedAfterItsRetractionAndThenDeletedReachesAClientThatHadTheRepublication() {
        Article a = article("a", 10, "A");
        view.apply(List.of(topics.version(a),
                topics.retracted(new Retraction("a", T0.plusSeconds(20), a.contentHash(), a.source())),
                topics.tombstone("a", T0.plusSeconds(21))));
        Article republished = a.revisedBy(new ArticleText("A again", null, null, List.of("Fixed.")), a.source(),
                T0.plusSeconds(60));
        view.apply(List.of(topics.version(republished)));
        ChangesPage hadIt = changesSince(ChangeSequence.beginning());
        assertThat(summaries(hadIt)).containsExactly("updated a");

        view.apply(List.of(topics.tombstone("a", T0.plusSeconds(90))));

        assertThat(summaries(changesSince(decode(hadIt.next())))).containsExactly("retracted a");
    }

    @Test
    void pagesFollowEachOtherWithoutLossOrRepeatWhileChangesArrive() {
        for (int i = 0; i < 5; i++) {
            view.apply(List.of(topics.version(article("id-" + i, i, "Title " + i))));
        }
        List<String> seen = new ArrayList<>();
        ChangeSequence since = ChangeSequence.beginning();
        ChangesPage page;
        int round = 0;
        do {
            page = view.changes(since, 2, FeedFilter.NONE);
            page.changes().forEach(change -> seen.add(change.id()));
            since = decode(page.next());
            if (round++ == 0) {
                // Edits an article already listed and adds one: both come again, after what was there.
                view.apply(List.of(topics.version(article("id-0", 100, "Edited")),
                        topics.version(article("id-5", 101, "Title 5"))));
            }
        } while (page.more());

        assertThat(seen).containsExactly("id-0", "id-1", "id-2", "id-3", "id-4", "id-0", "id-5");
    }

    @Test
    void filterSelectsArticlesButEveryRetractionPasses() {
        view.apply(List.of(topics.version(article("keep", 10, "Tram news")),
                topics.version(article("drop", 20, "Other")),
                topics.retracted(new Retraction("gone", T0.plusSeconds(30), "hash", "file:gone.txt"))));

        ChangesPage page = view.changes(ChangeSequence.beginning(), 10, FeedFilter.of("tram", null, null, null, null));

        assertThat(summaries(page)).containsExactly("published keep", "retracted gone");
        assertThat(page.more()).isFalse();
    }

    @Test
    void listenerHearsEveryChangeAfterItsSubscriptionWithTheSequenceToResumeFrom() {
        Article before = article("before", 10, "Before");
        view.apply(List.of(topics.version(article("steady", 5, "Steady")), topics.version(before)));
        List<FeedChange> heard = new ArrayList<>();
        Consumer<List<FeedChange>> listener = heard::addAll;

        ChangeSequence subscribedAt = view.subscribe(listener);
        view.apply(List.of(topics.version(article("after", 20, "After")), topics.retracted(
                new Retraction("before", T0.plusSeconds(30), before.contentHash(), "file:before.txt"))));
        view.unsubscribe(listener);
        view.apply(List.of(topics.version(article("unheard", 40, "Unheard"))));

        assertThat(heard).extracting(change -> change.type() + " " + change.id())
                .containsExactly("published after", "retracted before");
        assertThat(summaries(view.changes(ChangeSequence.beginning(), subscribedAt, 10, FeedFilter.NONE)))
                .as("replay up to the subscription: 'before' changed after it, so only the listener tells of it")
                .containsExactly("published steady");
        assertThat(summaries(changesSince(decode(heard.get(0).sequence()))))
                .as("resuming from the first event heard").containsExactly("retracted before", "published unheard");
    }

    @Test
    void failingListenerIsDroppedAndTheViewGoesOn() {
        List<String> calls = new ArrayList<>();
        view.subscribe(changes -> {
            calls.add("failing");
            throw new IllegalStateException("a broken client");
        });
        List<FeedChange> heard = new ArrayList<>();
        view.subscribe(heard::addAll);

        view.apply(List.of(topics.version(article("a", 10, "A"))));
        view.apply(List.of(topics.version(article("b", 20, "B"))));

        assertThat(view.size()).isEqualTo(2);
        assertThat(calls).as("dropped after its failure").containsExactly("failing");
        assertThat(heard).extracting(FeedChange::id).containsExactly("a", "b");
    }

    @Test
    void feedPageCarriesTheSequenceOfTheViewItWasReadFrom() {
        view.apply(List.of(topics.version(article("a", 10, "A"))));
        String changes = view.page(10).changes();

        view.apply(List.of(topics.version(article("b", 20, "B"))));

        assertThat(summaries(changesSince(decode(changes)))).containsExactly("published b");
    }

    private ChangesPage changesSince(ChangeSequence since) {
        return view.changes(since, 100, FeedFilter.NONE);
    }

    private static ChangeSequence decode(String token) {
        return ChangeSequence.decode(token);
    }

    private static List<String> summaries(ChangesPage page) {
        return page.changes().stream().map(change -> change.type() + " " + change.id()).toList();
    }

    private static Article article(String id, long secondsAfterT0, String title) {
        ArticleText text = new ArticleText(title, null, null, List.of("Body of " + id + "."));
        return Article.first(id, "file:" + id + ".txt", text, T0.plusSeconds(secondsAfterT0));
    }
}
