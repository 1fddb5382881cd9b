package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.newsfeed.view.LogPosition;

/**
 * When a write of one id may decide without waiting for the view to apply the records before the ends of the logs
 * (issue 20): only when every one of them is known to be this instance's own, about another id.
 */
class OwnWritesTest {

    private final AtomicReference<Map<String, Long>> shown = new AtomicReference<>(Map.of("a0", 10L));
    private final OwnWrites own = new OwnWrites(shown::get);

    @Test
    void gapOfOwnRecordsAboutOtherIdsIsCoveredAtOnce() {
        own.acknowledged(LogPosition.article(0, 10), "b");
        own.acknowledged(LogPosition.article(0, 11), "c");

        assertThat(own.covered(Map.of("a0", 12L), "a")).isCompleted();
    }

    @Test
    void viewAtTheEndsIsCoveredWithNothingKnown() {
        assertThat(own.covered(Map.of("a0", 10L, "r0", 0L), "a")).isCompleted();
    }

    @Test
    void ownRecordAboutTheSameIdInTheGapIsNeverCovered() {
        own.acknowledged(LogPosition.article(0, 10), "a");
        own.acknowledged(LogPosition.article(0, 11), "b");

        CompletableFuture<Void> covered = own.covered(Map.of("a0", 12L), "a");
        own.acknowledged(LogPosition.article(0, 12), "c");

        assertThat(covered).as("the view must apply the earlier record of the same id first").isNotDone();
    }

    @Test
    void recordNotKnownHereLeavesTheWriteWaitingForTheView() {
        // Offset 11 is another instance's record, or one whose acknowledgement never came.
        own.acknowledged(LogPosition.article(0, 10), "b");
        own.acknowledged(LogPosition.article(0, 12), "c");

        assertThat(own.covered(Map.of("a0", 13L), "a")).isNotDone();
    }

    @Test
    void unknownLogLeavesTheWriteWaiting() {
        own.acknowledged(LogPosition.article(0, 10), "b");

        assertThat(own.covered(Map.of("a0", 11L, "r0", 1L), "a"))
                .as("a retraction record, which this instance does not track").isNotDone();
    }

    @Test
    void acknowledgementArrivingLaterCoversAWaitingWrite() {
        own.acknowledged(LogPosition.article(0, 10), "b");
        CompletableFuture<Void> covered = own.covered(Map.of("a0", 12L), "a");
        assertThat(covered).isNotDone();

        own.acknowledged(LogPosition.article(0, 11), "c");

        assertThat(covered).isCompleted();
        assertThat(own.waiting()).isZero();
    }

    @Test
    void recordsTheViewShowsAreNotNeededToCover() {
        own.acknowledged(LogPosition.article(0, 12), "b");
        shown.set(Map.of("a0", 12L));

        assertThat(own.covered(Map.of("a0", 13L), "a")).isCompleted();
    }

    @Test
    void forgottenWaiterIsDropped() {
        CompletableFuture<Void> covered = own.covered(Map.of("a0", 11L), "a");
        assertThat(own.waiting()).isOne();

        own.forget(covered);

        assertThat(own.waiting()).isZero();
    }

    @Test
    void keptRecordsAreBoundedAndForgettingOnlyMakesWritesWait() {
        shown.set(Map.of("a0", 0L));
        for (long offset = 0; offset < OwnWrites.MAX_KEPT + 10; offset++) {
            own.acknowledged(LogPosition.article(0, offset), "id-" + offset);
        }

        assertThat(own.covered(Map.of("a0", (long) OwnWrites.MAX_KEPT + 10), "a"))
                .as("the oldest ten were forgotten: the gap is no longer proven").isNotDone();
        shown.set(Map.of("a0", 10L));
        assertThat(own.covered(Map.of("a0", (long) OwnWrites.MAX_KEPT + 10), "a")).isCompleted();
    }
}
