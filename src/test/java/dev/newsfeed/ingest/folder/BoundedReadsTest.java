package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** Issue 9, finding 3: every read of a folder file is bounded in time, and a stuck one blocks nobody. */
class BoundedReadsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void readThatNeverEndsIsGivenUpAfterTheTimeoutAndCountedStuckUntilItReturns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (BoundedReads reads = new BoundedReads(1, 4, Duration.ofMillis(100))) {
            CompletableFuture<String> hanging = reads.run(() -> {
                awaitIgnoringInterrupts(release);
                return "late";
            });

            await().atMost(WAIT).until(hanging::isDone);
            assertThat(hanging).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(BoundedReads.ReadTimeoutException.class);
            assertThat(reads.stuck()).isEqualTo(1);
            assertThat(reads.run(() -> "next")).as("no reader left: fails at once, never queues")
                    .failsWithin(WAIT).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(BoundedReads.ReadTimeoutException.class);

            release.countDown();
            await().atMost(WAIT).until(() -> reads.stuck() == 0);
            assertThat(reads.run(() -> "next")).succeedsWithin(WAIT).isEqualTo("next");
        }
    }

    @Test
    void readThatCanBeInterruptedIsStoppedAndNotCountedStuck() {
        try (BoundedReads reads = new BoundedReads(1, 4, Duration.ofMillis(100))) {
            CompletableFuture<String> hanging = reads.run(() -> {
                new CountDownLatch(1).await();
                return "never";
            });

            assertThat(hanging).failsWithin(WAIT).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(BoundedReads.ReadTimeoutException.class);
            await().atMost(WAIT).until(() -> reads.stuck() == 0);
            assertThat(reads.run(() -> "next")).succeedsWithin(WAIT).isEqualTo("next");
        }
    }

    /** Like a thread blocked in open(2) on a FIFO, which an interrupt does not reach. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
