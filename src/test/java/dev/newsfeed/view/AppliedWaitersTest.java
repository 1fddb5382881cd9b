package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Writers waiting for the view to show the record Kafka acknowledged to them. */
class AppliedWaitersTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    @Test
    void writerWhoAsksAfterTheBatchThatShowedItsRecordIsDoneAtOnceNotAtTheNextBatch() {
        // The lost wake-up: the view shows the record before its writer gets to register, and nothing more comes.
        AppliedWaiters waiters = new AppliedWaiters(Map.of());
        waiters.advance(Map.of("a0", 6L));

        CompletableFuture<Void> applied = waiters.await(LogPosition.article(0, 5), WAIT).toCompletableFuture();

        assertThat(applied).isDone();
    }

    @Test
    void writerWaitsUntilABatchShowsItsRecordAndOnlyThen() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 5L));
        CompletableFuture<Void> applied = waiters.await(LogPosition.article(0, 5), WAIT).toCompletableFuture();
        CompletableFuture<Void> otherPartition = waiters.await(LogPosition.article(1, 0), WAIT).toCompletableFuture();

        assertThat(applied).as("offset 5 is not shown while the view is before it").isNotDone();
        waiters.advance(Map.of("a0", 6L));

        assertThat(applied).isDone();
        assertThat(otherPartition).as("another log has not moved").isNotDone();
        assertThat(waiters.waiting()).isTrue();
    }

    @Test
    void positionsTheViewWasOpenedAtAreShownAlready() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 10L, "r0", 3L));

        assertThat(waiters.await(LogPosition.article(0, 9), WAIT).toCompletableFuture()).isDone();
        assertThat(waiters.await(LogPosition.retraction(0, 2), WAIT).toCompletableFuture()).isDone();
        assertThat(waiters.waiting()).isFalse();
    }

    @Test
    void writerWaitsAtMostItsTimeoutAndLeavesNothingBehind() {
        // Issue 19, finding 8: a stalled view must not hold writers, their slots or their memory for good.
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 5L));
        CompletableFuture<Void> applied = waiters.await(LogPosition.article(0, 7), Duration.ofMillis(50))
                .toCompletableFuture();

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                applied::get);

        assertThat(failure).hasCauseInstanceOf(TimeoutException.class);
        assertThat(waiters.count()).as("the timed-out writer is forgotten at once").isZero();
    }

    @Test
    void writerWaitingForTheEndsOfSeveralLogsIsDoneOnlyWhenTheViewReachesEveryOne() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 3L));
        CompletableFuture<Void> caughtUp = waiters.await(Map.of("a0", 5L, "a1", 2L, "r0", 0L), WAIT)
                .toCompletableFuture();

        waiters.advance(Map.of("a0", 5L, "a1", 1L));
        assertThat(caughtUp).as("a1 is not reached yet").isNotDone();
        waiters.advance(Map.of("a0", 5L, "a1", 2L));

        assertThat(caughtUp).isDone();
    }

    @Test
    void writerAskingForEndsTheViewHasReachedIsDoneAtOnce() {
        AppliedWaiters waiters = new AppliedWaiters(Map.of("a0", 5L, "r0", 2L));

        assertThat(waiters.await(Map.of("a0", 5L, "r0", 2L), WAIT).toCompletableFuture()).isDone();
        assertThat(waiters.await(Map.of(), WAIT).toCompletableFuture()).isDone();
    }
}
