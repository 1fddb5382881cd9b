package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/** Writes of one id on one instance, one after the other (issue 19, finding 2: two POSTs of one id at once). */
class IdTurnsTest {

    private final IdTurns turns = new IdTurns();

    @Test
    void secondWriteOfAnIdStartsOnlyOnceTheFirstHasEnded() {
        CompletableFuture<String> first = new CompletableFuture<>();
        List<String> started = new CopyOnWriteArrayList<>();

        CompletableFuture<String> one = turns.inTurn("a", () -> {
            started.add("first");
            return Uni.createFrom().completionStage(first);
        }).subscribeAsCompletionStage();
        CompletableFuture<String> two = turns.inTurn("a", () -> {
            started.add("second");
            return Uni.createFrom().item("second done");
        }).subscribeAsCompletionStage();

        assertThat(started).containsExactly("first");
        first.complete("first done");

        assertThat(one).isCompletedWithValue("first done");
        assertThat(two).isCompletedWithValue("second done");
        assertThat(started).containsExactly("first", "second");
        assertThat(turns.busy()).as("nothing kept for an id with no write in flight").isZero();
    }

    @Test
    void writesOfOtherIdsDoNotWait() {
        CompletableFuture<String> blocked = new CompletableFuture<>();
        turns.inTurn("a", () -> Uni.createFrom().completionStage(blocked)).subscribeAsCompletionStage();

        assertThat(turns.inTurn("b", () -> Uni.createFrom().item("b done")).subscribeAsCompletionStage())
                .isCompletedWithValue("b done");
    }

    @Test
    void failedWriteStillHandsTheTurnOn() {
        turns.inTurn("a", () -> Uni.createFrom().failure(new IllegalStateException("Kafka said no")))
                .subscribeAsCompletionStage();

        assertThat(turns.inTurn("a", () -> Uni.createFrom().item("next")).subscribeAsCompletionStage())
                .isCompletedWithValue("next");
    }

    @Test
    void writeCancelledWhileWaitingForItsTurnDoesNotHoldTheOnesAfterIt() {
        CompletableFuture<String> first = new CompletableFuture<>();
        turns.inTurn("a", () -> Uni.createFrom().completionStage(first)).subscribeAsCompletionStage();
        Cancellable waiting = turns.inTurn("a", () -> Uni.createFrom().item("never")).subscribe()
                .with(item -> { }, failure -> { });
        waiting.cancel();
        CompletableFuture<String> third = turns.inTurn("a", () -> Uni.createFrom().item("third"))
                .subscribeAsCompletionStage();

        first.complete("first");

        assertThat(third).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("third");
    }
}
