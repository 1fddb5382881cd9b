package dev.newsfeed.ingest;

import java.time.Duration;

import dev.newsfeed.problem.ProblemException;

/**
 * This instance's view had not read everything Kafka held when a write came, within the time given to it: the write
 * was not decided on a view that may lag, and nothing was written. The client may send it again.
 */
public class ViewBehindException extends ProblemException {

    public static final int RETRY_AFTER_SECONDS = 2;

    public ViewBehindException(Duration waited) {
        super(503, "Feed view behind Kafka", "this instance has not read everything on the articles topic after "
                + waited.toMillis() + " ms, and a write is decided only on all of it; nothing was written: send it"
                + " again in a few seconds");
    }

    @Override
    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
