package dev.newsfeed.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Writers waiting for the view to apply the record Kafka acknowledged to them. */
final class AppliedWaiters {

    private record Waiter(LogPosition position, CompletableFuture<Void> applied) {
    }

    private final List<Waiter> waiting = new ArrayList<>();

    /** Completes once {@code next} (the view's positions) passes {@code position}. */
    synchronized CompletionStage<Void> await(LogPosition position, Map<String, Long> next) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        if (passed(position, next)) {
            applied.complete(null);
        } else {
            waiting.add(new Waiter(position, applied));
        }
        return applied;
    }

    /** Whether a writer is waiting: then what was applied is made visible at once. */
    synchronized boolean waiting() {
        waiting.removeIf(waiter -> waiter.applied().isDone());
        return !waiting.isEmpty();
    }

    void advance(Map<String, Long> next) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Waiter> waiters = waiting.iterator(); waiters.hasNext();) {
                Waiter waiter = waiters.next();
                if (waiter.applied().isDone()) {
                    waiters.remove();
                } else if (passed(waiter.position(), next)) {
                    done.add(waiter.applied());
                    waiters.remove();
                }
            }
        }
        // Outside the lock: completing runs the writers' continuations.
        done.forEach(applied -> applied.complete(null));
    }

    private static boolean passed(LogPosition position, Map<String, Long> next) {
        return next.getOrDefault(position.log(), 0L) > position.offset();
    }
}
