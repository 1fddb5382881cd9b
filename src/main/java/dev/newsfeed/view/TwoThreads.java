package dev.newsfeed.view;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Index work done in two parts at once, one on the calling thread and one on a second thread: both cores write the
 * index, and the caller returns only when both parts have ended, with the failure of either as an {@link IOException}.
 */
final class TwoThreads {

    /** A part of the work. */
    @FunctionalInterface
    interface Part {
        void run() throws IOException;
    }

    private TwoThreads() {
    }

    /** Runs {@code there} on {@code second} and {@code here} on this thread, and waits for both. */
    static void run(ExecutorService second, Part there, Part here, String what) throws IOException {
        Future<Void> other = second.submit(() -> {
            there.run();
            return null;
        });
        try {
            here.run();
        } finally {
            try {
                other.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + what, e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }
}
