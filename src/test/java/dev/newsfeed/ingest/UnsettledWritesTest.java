package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.newsfeed.TestClock;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

/** Versions whose write failed, written again as they were by a resend of the same text (issue 19, finding 2). */
class UnsettledWritesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final UnsettledWrites unsettled = new UnsettledWrites(clock);

    @Test
    void resendOfTheSameTextGetsTheVersionThatFailedWithItsTimes() {
        Article failed = article("a", "Text", T0);
        unsettled.failed(failed);
        clock.advance(Duration.ofSeconds(30));

        assertThat(unsettled.find("a", failed.contentHash())).contains(failed);
    }

    @Test
    void anotherTextIsANewVersion() {
        unsettled.failed(article("a", "Text", T0));

        assertThat(unsettled.find("a", article("a", "Other text", T0).contentHash())).isEmpty();
    }

    @Test
    void acknowledgedWriteOfTheIdForgetsIt() {
        Article failed = article("a", "Text", T0);
        unsettled.failed(failed);

        unsettled.settled("a");

        assertThat(unsettled.find("a", failed.contentHash())).isEmpty();
        assertThat(unsettled.size()).isZero();
    }

    @Test
    void forgottenAfterItsTimeAndBeyondItsCapacityOldestFirst() {
        Article old = article("old", "Text", T0);
        unsettled.failed(old);
        clock.advance(UnsettledWrites.KEPT_FOR.plusSeconds(1));
        assertThat(unsettled.find("old", old.contentHash())).isEmpty();

        Article first = article("first", "Text", T0);
        unsettled.failed(first);
        for (int i = 0; i < UnsettledWrites.CAPACITY; i++) {
            unsettled.failed(article("id-" + i, "Text", T0));
        }

        assertThat(unsettled.size()).isEqualTo(UnsettledWrites.CAPACITY);
        assertThat(unsettled.find("first", first.contentHash())).isEmpty();
    }

    private static Article article(String id, String title, Instant at) {
        return Article.first(id, "http:" + id, new ArticleText(title, null, null, List.of("Body.")), at);
    }
}
