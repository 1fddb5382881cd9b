package dev.newsfeed.ingest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Whether this instance takes new writes, and how many it still has in flight: HTTP writes waiting for Kafka's
 * acknowledgement, and files of the folder being read and published. Closed once at shutdown; from then on new
 * writes are refused with a 503 the client retries elsewhere, and shutdown waits for those in flight.
 */
@ApplicationScoped
public class IntakeGate {

    private final Object lock = new Object();
    private int inFlight;
    private volatile boolean closed;

    /** Refuses the request when intake has stopped: before its body is read or anything is published. */
    public void checkOpen() {
        if (closed) {
            throw new ShuttingDownException();
        }
    }

    /** The write, counted as in flight from its subscription until it ends in any way. */
    public <T> Uni<T> track(Uni<T> write) {
        return Uni.createFrom().deferred(() -> {
            started();
            return write.onTermination().invoke(this::finished);
        });
    }

    /** The ingestion of a file, counted as in flight until it completes; refused once intake has stopped. */
    public <T> CompletionStage<T> trackFile(Supplier<CompletionStage<T>> ingest) {
        if (closed) {
            return CompletableFuture.failedFuture(new ShuttingDownException());
        }
        started();
        try {
            return ingest.get().whenComplete((ignored, failure) -> finished());
        } catch (RuntimeException e) {
            finished();
            throw e;
        }
    }

    /** Stops intake for good: new writes are refused, those in flight go on. */
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** Waits until nothing is in flight, at most {@code timeout}; false when writes are still in flight then. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    private void started() {
        synchronized (lock) {
            inFlight++;
        }
    }

    private void finished() {
        synchronized (lock) {
            inFlight--;
            if (inFlight == 0) {
                lock.notifyAll();
            }
        }
    }
}
