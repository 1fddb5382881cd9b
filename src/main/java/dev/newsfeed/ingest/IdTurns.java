package dev.newsfeed.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Writes of one article id on this instance, one after the other: a write decides (new, edited, unchanged?) only
 * once the write before it has ended, whatever its end, so two submissions of one id at once can never both decide
 * "new". Writes of different ids run side by side. Nothing is kept for an id with no write in flight.
 */
@ApplicationScoped
public class IdTurns {

    // Guarded by itself: for every id with writes in flight, the end of the last one queued.
    private final Map<String, CompletableFuture<Void>> last = new HashMap<>();

    /** The write, started once every earlier write of {@code id} on this instance has ended. */
    public <T> Uni<T> inTurn(String id, Supplier<Uni<T>> write) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before;
            synchronized (last) {
                before = last.put(id, mine);
            }
            Uni<T> run = before == null ? Uni.createFrom().deferred(write::get)
                    : Uni.createFrom().completionStage(ended(before)).onItem().transformToUni(ignored -> write.get());
            // Whatever ends it, a cancellation while it waits for its turn included: the next write must not hang.
            return run.onTermination().invoke(() -> done(id, mine));
        });
    }

    /** Ids with a write in flight or queued. */
    public int busy() {
        synchronized (last) {
            return last.size();
        }
    }

    private void done(String id, CompletableFuture<Void> mine) {
        synchronized (last) {
            last.remove(id, mine);
        }
        mine.complete(null);
    }

    private static CompletionStage<Void> ended(CompletableFuture<Void> write) {
        return write.handle((ignored, failure) -> null);
    }
}
