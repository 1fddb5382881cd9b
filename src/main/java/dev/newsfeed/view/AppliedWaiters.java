package dev.newsfeed.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writers waiting for the view to apply the record Kafka acknowledged to them. The positions the view shows are kept
 * here, under the same lock as the writers: a writer who came with positions read a moment earlier could miss the
 * batch that showed its record, and wait for the next one, which may not come before its timeout.
 */
final class AppliedWaiters {

    private record Waiter(LogPosition position, CompletableFuture<Void> applied) {
    }

    private final List<Waiter> waiting = new ArrayList<>();
    // Guarded by this: for every log, the offset of the first record the view does not show yet.
    private Map<String, Long> shown;

    AppliedWaiters(Map<String, Long> shown) {
        this.shown = shown;
    }

    /** Completes once the view shows the record at {@code position}: at once when it does already. */
    synchronized CompletionStage<Void> await(LogPosition position) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        if (passed(position, shown)) {
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

    /** The view shows everything before {@code next} now: completes the writers it passed. */
    void advance(Map<String, Long> next) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (this) {
            shown = next;
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
