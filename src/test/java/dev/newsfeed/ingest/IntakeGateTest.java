package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/** Shutdown waits for the writes in flight and for nothing else, and a closed gate refuses new ones. */
class IntakeGateTest {

    private final IntakeGate gate = new IntakeGate();

    @Test
    void writeIsInFlightFromSubscriptionUntilItsAnswer() throws Exception {
        CompletableFuture<String> acknowledgement = new CompletableFuture<>();
        CompletableFuture<String> answered = gate.track(Uni.createFrom().completionStage(acknowledgement))
                .subscribeAsCompletionStage();
        gate.close();

        assertThat(gate.inFlight()).isEqualTo(1);
        assertThat(gate.awaitIdle(Duration.ofMillis(50))).as("still waiting for Kafka").isFalse();
        acknowledgement.complete("acknowledged");
        assertThat(gate.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(answered.get()).isEqualTo("acknowledged");
    }

    @Test
    void failedOrCancelledWritesAreNoLongerInFlight() throws Exception {
        gate.track(Uni.createFrom().failure(new IllegalStateException("Kafka away"))).subscribe()
                .with(item -> { }, failure -> { });
        gate.track(Uni.createFrom().emitter(emitter -> { })).subscribe().with(item -> { }).cancel();

        assertThat(gate.awaitIdle(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void closedGateRefusesNewWritesAndFilesWith503() {
        gate.close();

        ShuttingDownException refused = assertThrows(ShuttingDownException.class, gate::checkOpen);
        assertThat(refused.problem().status()).isEqualTo(503);
        assertThat(refused.retryAfterSeconds()).isPositive();
        CompletionStage<Object> file = gate.trackFile(() -> CompletableFuture.completedFuture("never read"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> file.toCompletableFuture().get());
        assertThat(failure).hasCauseInstanceOf(ShuttingDownException.class);
        assertThat(gate.inFlight()).isZero();
    }

    @Test
    void fileIsInFlightUntilItsIngestionCompletes() throws Exception {
        CompletableFuture<String> published = new CompletableFuture<>();
        gate.trackFile(() -> published);

        assertThat(gate.inFlight()).isEqualTo(1);
        published.complete("published");
        assertThat(gate.awaitIdle(Duration.ofSeconds(1))).isTrue();
    }
}
