package dev.newsfeed.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try an event again: the pauses of Standard Webhooks' schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 14 h, 20 h, 24 h by default), each spread by up to a tenth either way so that receivers coming back are not
 * met by every sender at once; a {@code Retry-After} longer than the pause wins, up to a day.
 */
final class RetrySchedule {

    private static final double JITTER = 0.1;
    /** A receiver may ask for a longer pause than the schedule's, but not for more than a day. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final List<Duration> pauses;

    RetrySchedule(List<Duration> pauses) {
        if (pauses.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs one attempt at least");
        }
        this.pauses = List.copyOf(pauses);
    }

    int attempts() {
        return pauses.size();
    }

    /**
     * The pause before attempt {@code attempt} (0 is the first), or empty when {@code attempt} is past the last.
     *
     * @param retryAfter what the receiver asked for after the previous attempt; null when nothing
     */
    Optional<Duration> pauseBefore(int attempt, Duration retryAfter) {
        if (attempt >= pauses.size()) {
            return Optional.empty();
        }
        Duration pause = jittered(pauses.get(attempt));
        if (retryAfter != null && attempt > 0 && retryAfter.compareTo(pause) > 0) {
            pause = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        return Optional.of(pause);
    }

    private static Duration jittered(Duration pause) {
        if (pause.isZero()) {
            return pause;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        return Duration.ofMillis(Math.round(pause.toMillis() * factor));
    }

    /** A {@code Retry-After} value, seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(Instant.now(), at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
