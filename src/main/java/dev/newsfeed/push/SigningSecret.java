package dev.newsfeed.push;

import java.time.Instant;

/**
 * A secret deliveries are signed with; a rotated-out one signs too until {@code until}, so that a receiver can
 * switch over without losing a delivery. Never in a log: {@link #toString()} hides the value.
 */
public record SigningSecret(String value, Instant until) {

    boolean validAt(Instant now) {
        return until == null || now.isBefore(until);
    }

    @Override
    public String toString() {
        return "SigningSecret[value=…, until=" + until + "]";
    }
}
