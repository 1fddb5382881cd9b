package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.newsfeed.TestClock;
import dev.newsfeed.ingest.SourceLedger.State;

class SourceLedgerTest {

    private static final Duration PENDING_TIMEOUT = Duration.ofMinutes(10);

    private final TestClock clock = new TestClock(Instant.parse("2026-11-26T09:00:00Z"));

    @Test
    void oneEntryPerSourceWhoseStateMovesOnAndIsCounted() {
        SourceLedger ledger = new SourceLedger(10, PENDING_TIMEOUT, Clock.systemUTC());

        ledger.pending("file:a.txt", "a", null);
        ledger.published("file:a.txt", "a");
        ledger.failed("file:b.txt", "b", "NO_BODY: line 1");

        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.count(State.PENDING)).isZero();
        assertThat(ledger.count(State.PUBLISHED)).isEqualTo(1);
        assertThat(ledger.count(State.FAILED)).isEqualTo(1);
        assertThat(ledger.get("file:b.txt").reason()).isEqualTo("NO_BODY: line 1");
    }

    @Test
    void pastCapacityTheOldestSettledSourceIsForgottenButNeverAPendingOne() {
        SourceLedger ledger = new SourceLedger(2, PENDING_TIMEOUT, Clock.systemUTC());
        ledger.pending("file:waiting.txt", "waiting", "waiting for Kafka");
        ledger.published("file:old.txt", "old");

        ledger.published("file:new.txt", "new");

        assertThat(ledger.get("file:old.txt")).isNull();
        assertThat(ledger.get("file:waiting.txt")).isNotNull();
        assertThat(ledger.count(State.PENDING)).isEqualTo(1);
        assertThat(ledger.count(State.PUBLISHED)).isEqualTo(1);
    }

    @Test
    void pagesListTheMostRecentlyChangedFirst() {
        SourceLedger ledger = new SourceLedger(10, PENDING_TIMEOUT, Clock.systemUTC());
        ledger.published("file:1.txt", "1");
        ledger.published("file:2.txt", "2");
        ledger.published("file:3.txt", "3");

        assertThat(ledger.page(0, 2)).extracting(SourceLedger.Entry::articleId).containsExactly("3", "2");
        assertThat(ledger.page(2, 2)).extracting(SourceLedger.Entry::articleId).containsExactly("1");
    }

    /** Issue 9, finding 14: the ledger was access-ordered, so GET /ingest/status reordered it. */
    @Test
    void readingSourcesNeverReordersThemNorSavesThemFromBeingForgotten() {
        SourceLedger ledger = new SourceLedger(3, PENDING_TIMEOUT, clock);
        ledger.published("file:1.txt", "1");
        ledger.published("file:2.txt", "2");
        ledger.published("file:3.txt", "3");

        assertThat(ledger.get("file:1.txt")).isNotNull();
        ledger.page(0, 10);

        assertThat(ledger.page(0, 10)).extracting(SourceLedger.Entry::articleId).containsExactly("3", "2", "1");
        ledger.published("file:4.txt", "4");
        assertThat(ledger.get("file:1.txt")).as("the oldest change is forgotten, however often read").isNull();
    }

    /** Issue 9, finding 14: a publish abandoned by its caller left its source PENDING for ever. */
    @Test
    void sourcePendingLongerThanTheTimeoutTurnsFailedWithTheReason() {
        SourceLedger ledger = new SourceLedger(10, PENDING_TIMEOUT, clock);
        ledger.pending("http:abandoned", "post:1", null);
        ledger.pending("file:retried.txt", "retried", "waiting for Kafka: timeout");

        clock.advance(PENDING_TIMEOUT.minusMinutes(1));
        ledger.pending("file:retried.txt", "retried", "waiting for Kafka: timeout");
        clock.advance(Duration.ofMinutes(1));

        assertThat(ledger.get("http:abandoned").state()).isEqualTo(State.FAILED);
        assertThat(ledger.get("http:abandoned").reason()).startsWith("abandoned: no acknowledgement from Kafka");
        assertThat(ledger.get("file:retried.txt").state()).as("marked pending again by its retry")
                .isEqualTo(State.PENDING);
        assertThat(ledger.count(State.PENDING)).isEqualTo(1);
        assertThat(ledger.count(State.FAILED)).isEqualTo(1);
        assertThat(ledger.page(0, 1)).extracting(SourceLedger.Entry::source).containsExactly("http:abandoned");
    }

    @Test
    void ledgerFullOfPendingSourcesForgetsTheOldestPendingOne() {
        SourceLedger ledger = new SourceLedger(2, PENDING_TIMEOUT, clock);
        ledger.pending("file:1.txt", "1", null);
        ledger.pending("file:2.txt", "2", null);

        ledger.pending("file:3.txt", "3", null);

        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.get("file:1.txt")).isNull();
        assertThat(ledger.count(State.PENDING)).isEqualTo(2);
    }
}
