package dev.newsfeed.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Writers waiting for the view to show what Kafka acknowledged: their own record, or everything below the ends of
 * the logs (so that what they decide next is decided on all of it). The positions the view shows are kept here,
 * under the same lock as the writers: a writer who came with positions read a moment earlier could miss the batch
 * that showed its record, and wait for the next one, which may not come before its timeout.
 *
 * <p>Every wait is bounded: one that times out fails with a {@link java.util.concurrent.TimeoutException} and leaves
 * nothing behind, so a stalled view holds no writer, and no memory, for longer than its timeout.
 */
final class AppliedWaiters {

    /** @param reach for every log, the offset the view must show up to (exclusive) */
    private record Waiter(Map<String, Long> reach, CompletableFuture<Void> applied) {
    }

    private final List<Waiter> waiting = new ArrayList<>();
    // Written under this, read without it: for every log, the offset of the first record the view does not show yet.
    private volatile Map<String, Long> shown;

    AppliedWaiters(Map<String, Long> shown) {
        this.shown = shown;
    }

    /** Completes once the view shows the record at {@code position}: at once when it does already. */
    CompletionStage<Void> await(LogPosition position, Duration timeout) {
        return await(Map.of(position.log(), position.offset() + 1), timeout);
    }

    /**
     * Completes once the view shows every record before {@code reach} in each log: at once when it does already;
     * fails with a timeout after {@code timeout}.
     */
    CompletionStage<Void> await(Map<String, Long> reach, Duration timeout) {
        CompletableFuture<Void> applied = new CompletableFuture<>();
        Waiter waiter = new Waiter(Map.copyOf(reach), applied);
        synchronized (this) {
            if (reached(waiter.reach(), shown)) {
                applied.complete(null);
                return applied;
            }
            waiting.add(waiter);
        }
        applied.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((done, failure) -> {
            if (failure != null) {
                forget(waiter);
            }
        });
        return applied;
    }

    /** For every log, the offset of the first record the view does not show yet (an immutable map). */
    Map<String, Long> shown() {
        return shown;
    }

    /** Whether a writer is waiting: then what was applied is made visible at once. */
    synchronized boolean waiting() {
        waiting.removeIf(waiter -> waiter.applied().isDone());
        return !waiting.isEmpty();
    }

    /** How many writers wait now. */
    synchronized int count() {
        return waiting.size();
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
                } else if (reached(waiter.reach(), next)) {
                    done.add(waiter.applied());
                    waiters.remove();
                }
            }
        }
        // Outside the lock: completing runs the writers' continuations.
        done.forEach(applied -> applied.complete(null));
    }

    private synchronized void forget(Waiter waiter) {
        waiting.remove(waiter);
    }

    private static boolean reached(Map<String, Long> reach, Map<String, Long> next) {
        for (Map.Entry<String, Long> log : reach.entrySet()) {
            if (next.getOrDefault(log.getKey(), 0L) < log.getValue()) {
                return false;
            }
        }
        return true;
    }
}
