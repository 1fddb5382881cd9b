package dev.newsfeed.ingest.folder;

import java.time.Duration;

/** The pause before a file whose hand-over failed (Kafka away) is tried again: 1 s, doubled each time, at most 60 s. */
final class RetryBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration LAST = Duration.ofSeconds(60);

    private RetryBackoff() {
    }

    /** @param previous the last pause, or null after a success */
    static Duration next(Duration previous) {
        if (previous == null) {
            return FIRST;
        }
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(LAST) > 0 ? LAST : doubled;
    }
}
