package dev.newsfeed.ingest;

import dev.newsfeed.problem.ProblemException;

/**
 * Kafka did not acknowledge an article: the client may send the same submission again later. Kafka may still append
 * a request that timed out once a paused broker comes back, so the answer does not say that nothing was written; it
 * says that a resend is safe: it writes the same version or nothing new.
 */
public class KafkaNotAcknowledgedException extends ProblemException {

    public static final int RETRY_AFTER_SECONDS = 5;

    public KafkaNotAcknowledgedException(Throwable cause) {
        super(503, "Kafka unavailable", "Kafka did not acknowledge the write ("
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                + "); send it again in a few seconds: a resend of the same submission is never a second version");
        initCause(cause);
    }

    @Override
    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
