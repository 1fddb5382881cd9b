package dev.newsfeed.ingest;

import dev.newsfeed.problem.ProblemException;

/** Kafka did not acknowledge an article in time: the client may send the same submission again later. */
public class KafkaNotAcknowledgedException extends ProblemException {

    public static final int RETRY_AFTER_SECONDS = 5;

    public KafkaNotAcknowledgedException(Throwable cause) {
        super(503, "Kafka unavailable", "Kafka did not acknowledge the article in time ("
                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
                + "); send it again in a few seconds: an identical resend is not a duplicate");
        initCause(cause);
    }

    @Override
    public int retryAfterSeconds() {
        return RETRY_AFTER_SECONDS;
    }
}
