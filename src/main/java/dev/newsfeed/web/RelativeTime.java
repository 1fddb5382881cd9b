package dev.newsfeed.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How long ago something happened, in the words a reader scans ("5 min ago"); beyond a week, the date. The
 * script of the page keeps the same words up to date ({@code app.js}, {@code ago}), so both must agree.
 */
final class RelativeTime {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private RelativeTime() {
    }

    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).toSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h ago";
        }
        if (seconds < 7 * 86_400) {
            long days = seconds / 86_400;
            return days == 1 ? "yesterday" : days + " days ago";
        }
        return DATE.format(then);
    }

    /** The exact time, for the tooltip and for readers without the relative words. */
    static String exact(Instant then) {
        return FULL.format(then);
    }
}
