package dev.newsfeed.http;

import java.util.function.Supplier;

import io.quarkus.runtime.ExecutorRecorder;
import io.smallrye.mutiny.Uni;

/**
 * Runs a request's work on a worker while the request itself waits on no thread: RESTEasy Reactive resumes it on
 * its own Vert.x context once the returned {@code Uni} completes.
 *
 * <p>The worker is handed the task directly, not through Mutiny ({@code runSubscriptionOn}), which would run it in
 * the request's Vert.x duplicated context. There, the request's CDI request scope is one state shared by every
 * thread running that context, and context propagation on the worker replaces and restores it while RESTEasy
 * Reactive, on the event loop, reads it: 1 to 3 of 20,000 concurrent POSTs failed with 500
 * {@code ContextNotActiveException} (issue 10). Off that context, the work and its callbacks carry no request scope,
 * so the work must not need one.
 */
public final class Offload {

    private Offload() {
    }

    /** The answer {@code work} gives on a worker; what it throws is the answer's failure. */
    public static <T> Uni<T> onWorker(Supplier<Uni<? extends T>> work) {
        return Uni.createFrom().emitter(answer -> ExecutorRecorder.getCurrent().execute(() -> {
            Uni<? extends T> result;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                answer.fail(e);
                return;
            }
            result.subscribe().with(answer::complete, answer::fail);
        }));
    }
}
