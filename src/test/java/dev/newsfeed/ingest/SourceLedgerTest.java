package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.SourceLedger.State;

class SourceLedgerTest {

    @Test
    void oneEntryPerSourceWhoseStateMovesOnAndIsCounted() {
        SourceLedger ledger = new SourceLedger(10, Clock.systemUTC());

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
        SourceLedger ledger = new SourceLedger(2, Clock.systemUTC());
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
        SourceLedger ledger = new SourceLedger(10, Clock.systemUTC());
        ledger.published("file:1.txt", "1");
        ledger.published("file:2.txt", "2");
        ledger.published("file:3.txt", "3");

        assertThat(ledger.page(0, 2)).extracting(SourceLedger.Entry::articleId).containsExactly("3", "2");
        assertThat(ledger.page(2, 2)).extracting(SourceLedger.Entry::articleId).containsExactly("1");
    }
}
