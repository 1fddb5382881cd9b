package dev.newsfeed.ingest.folder;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs file reads on a few threads of their own, each bounded in time, so that the folder watcher never
 * waits for one. A read that takes longer than the timeout is given up: its result fails with
 * {@link ReadTimeoutException} and its thread is interrupted, which ends a blocked file read. A thread blocked
 * where an interrupt cannot reach it (opening a FIFO swapped in at the very moment of opening) stays blocked:
 * it is counted in {@link #stuck()}, and once every thread is stuck, reads fail at once instead of queueing.
 */
final class BoundedReads implements AutoCloseable {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int GIVEN_UP = 3;

    private final Duration timeout;
    private final int threads;
    private final ThreadPoolExecutor readers;
    private final ScheduledExecutorService timer;
    private final AtomicInteger stuck = new AtomicInteger();

    BoundedReads(int threads, int queue, Duration timeout) {
        this.timeout = timeout;
        this.threads = threads;
        this.readers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                daemon("newsfeed-folder-reader"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("newsfeed-folder-read-timer"));
    }

    /** Runs a read; the result fails when it did not finish within the timeout. */
    <T> CompletableFuture<T> run(Callable<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (stuck.get() >= threads) {
            result.completeExceptionally(new ReadTimeoutException("all " + threads
                    + " folder readers are stuck in reads that never ended; see the earlier errors"));
            return result;
        }
        AtomicInteger state = new AtomicInteger(QUEUED);
        Future<?> task;
        try {
            task = readers.submit(() -> {
                if (!state.compareAndSet(QUEUED, RUNNING)) {
                    return;
                }
                try {
                    result.complete(read.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    if (!state.compareAndSet(RUNNING, DONE)) {
                        stuck.decrementAndGet();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ReadTimeoutException("too many reads waiting: " + e.getMessage()));
            return result;
        }
        Future<?> deadline = timer.schedule(() -> {
            if (result.completeExceptionally(new ReadTimeoutException("the read took longer than " + timeout
                    + " (newsfeed.ingest.read-timeout); given up"))) {
                if (state.compareAndSet(RUNNING, GIVEN_UP)) {
                    stuck.incrementAndGet();
                }
                task.cancel(true);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((ignored, failure) -> deadline.cancel(false));
        return result;
    }

    /** Reads given up whose thread has not come back yet. */
    int stuck() {
        return stuck.get();
    }

    int threads() {
        return threads;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        readers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A read given up, or never started because no reader was free. */
    static final class ReadTimeoutException extends IOException {

        ReadTimeoutException(String message) {
            super(message);
        }
    }
}
