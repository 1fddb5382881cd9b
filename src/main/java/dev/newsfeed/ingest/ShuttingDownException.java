package dev.newsfeed.ingest;

import dev.newsfeed.problem.ProblemException;

/** This instance is shutting down and takes no new writes: another instance, or this one restarted, will. */
public class ShuttingDownException extends ProblemException {

    /** Soon enough for a restart or for a load balancer to have taken this instance out. */
    public static final int RETRY_AFTER_SECONDS = 2;

    public ShuttingDownException() {
        super(503, "Shutting down", "this instance is shutting down and accepts no new writes; send the same request"
                + " again in a few seconds (to another instance, or to this one once restarted): a resend is never a"
                + " duplicate");
    }

    @Override
    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
