package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.newsfeed.article.Article;

/**
 * Versions whose write failed without Kafka saying that it was not written: a produce request that timed out may
 * still be appended when the broker comes back. A resend of the same text to this instance writes that very version
 * again (same times, same event id), so the topic holds the same record twice at worst, never a second version.
 * Kept for a while and up to a bound, oldest forgotten first; another instance cannot know of them (its resend may
 * write a record with other times, which every view ignores: the first record of a text stands).
 */
@ApplicationScoped
public class UnsettledWrites {

    /** Long enough for a paused broker to come back and an impatient client to resend. */
    static final Duration KEPT_FOR = Duration.ofMinutes(10);
    static final int CAPACITY = 10_000;

    private record Unsettled(Article version, Instant until) {
    }

    private final Clock clock;
    // Guarded by itself; in insertion order, so the oldest is first.
    private final LinkedHashMap<String, Unsettled> versions = new LinkedHashMap<>();

    UnsettledWrites() {
        this(Clock.systemUTC());
    }

    UnsettledWrites(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a version whose write failed. */
    public void failed(Article version) {
        synchronized (versions) {
            versions.remove(version.id());
            versions.put(version.id(), new Unsettled(version, clock.instant().plus(KEPT_FOR)));
            if (versions.size() > CAPACITY) {
                Iterator<String> oldest = versions.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** Forgets what was remembered of the id: a write of it was acknowledged since. */
    public void settled(String id) {
        synchronized (versions) {
            versions.remove(id);
        }
    }

    /** The version of {@code id} with this text whose write failed lately, if any. */
    public Optional<Article> find(String id, String contentHash) {
        Instant now = clock.instant();
        synchronized (versions) {
            expire(now);
            Unsettled unsettled = versions.get(id);
            return unsettled != null && unsettled.version().contentHash().equals(contentHash)
                    ? Optional.of(unsettled.version()) : Optional.empty();
        }
    }

    public int size() {
        synchronized (versions) {
            return versions.size();
        }
    }

    private void expire(Instant now) {
        for (Iterator<Map.Entry<String, Unsettled>> oldest = versions.entrySet().iterator(); oldest.hasNext();) {
            if (oldest.next().getValue().until().isAfter(now)) {
                return;
            }
            oldest.remove();
        }
    }
}
