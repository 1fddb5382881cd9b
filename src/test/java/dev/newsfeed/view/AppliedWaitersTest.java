package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Writers waiting for the view to show the record Kafka acknowledged to them. */
class AppliedWaitersTest {

    @Test
    void writerWhoAsksAfterTheBatchThatShowedItsRecordIsDoneAtOnceNotAtTheNextBatch() {
        // The lost wake-up: the view shows the record before its writer gets to register, and nothing more comes.
        AppliedWaiters waiters = new AppliedWaiters(Map.of());
        waiters.advance(Map.of("a0", 6L));

        CompletableFuture<Void> applied = waiters.await(LogPosition.article(0, 5)).toCompletableFuture();

        assertThat(applied).isDone();
    }

    @Test
    void writerWaitsUntilABatchShowsItsRecordAndOnlyThen() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 5L));
        CompletableFuture<Void> applied = waiters.await(LogPosition.article(0, 5)).toCompletableFuture();
        CompletableFuture<Void> otherPartition = waiters.await(LogPosition.article(1, 0)).toCompletableFuture();

        assertThat(applied).as("offset 5 is not shown while the view is before it").isNotDone();
        waiters.advance(Map.of("a0", 6L));

        assertThat(applied).isDone();
        assertThat(otherPartition).as("another log has not moved").isNotDone();
        assertThat(waiters.waiting()).isTrue();
    }

    @Test
    void positionsTheViewWasOpenedAtAreShownAlready() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 10L, "r0", 3L));

        assertThat(waiters.await(LogPosition.article(0, 9)).toCompletableFuture()).isDone();
        assertThat(waiters.await(LogPosition.retraction(0, 2)).toCompletableFuture()).isDone();
        assertThat(waiters.waiting()).isFalse();
    }
}
