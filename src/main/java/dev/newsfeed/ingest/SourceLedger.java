package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;

/**
 * What became of each source, kept per source (a file path, or an HTTP submission's identity), not per
 * version, in the order of their last change (reading an entry does not reorder it).
 *
 * <p>Bounded in size and in time. Past {@code capacity} sources, the one changed longest ago is forgotten,
 * settled ones first; a pending one only when nothing settled is left to forget, with a WARN. A source
 * still pending {@code pendingTimeout} after its last change was abandoned (an HTTP client that gave up, a
 * file deleted while Kafka was away): it turns {@code FAILED} with that reason, so that nothing stays
 * pending for ever. A source still being retried is marked pending again at every try, well within the
 * timeout. Thread-safe.
 */
public final class SourceLedger {

    private static final Logger LOG = Logger.getLogger(SourceLedger.class);

    public enum State {
        /** Read and waiting for Kafka's acknowledgement, or for Kafka to come back. */
        PENDING,
        /** Kafka acknowledged it, or the feed already held this exact text. */
        PUBLISHED,
        /** Refused: the reason says why; it is retried only when the source changes. */
        FAILED
    }

    @Schema(description = "What became of one source")
    public record Entry(
            @Schema(example = "file:world/kyiv-tram.txt") String source,
            @Schema(description = "Absent until parsed", example = "world/kyiv-tram") String articleId,
            @Schema(example = "FAILED") State state,
            @Schema(description = "Why it failed; absent otherwise",
                    example = "NO_TITLE: line 2: the title line is empty")
            String reason,
            @Schema(example = "2026-11-26T09:02:11.087Z") Instant updatedAt) {
    }

    private final int capacity;
    private final Duration pendingTimeout;
    private final Clock clock;
    /** In insertion order, and every change re-inserts: the order of last change, whatever is read. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    /** The pending entries alone, oldest change first, so that expiring them walks only the expired ones. */
    private final LinkedHashMap<String, Entry> pending = new LinkedHashMap<>();
    /** Kept with every change, so that metrics scrapes and status pages do not walk all the entries. */
    private final EnumMap<State, Long> counts = new EnumMap<>(State.class);

    public SourceLedger(int capacity, Duration pendingTimeout, Clock clock) {
        this.capacity = capacity;
        this.pendingTimeout = pendingTimeout;
        this.clock = clock;
    }

    public void pending(String source, String articleId, String reason) {
        put(new Entry(source, articleId, State.PENDING, reason, clock.instant()));
    }

    public void published(String source, String articleId) {
        put(new Entry(source, articleId, State.PUBLISHED, null, clock.instant()));
    }

    public void failed(String source, String articleId, String reason) {
        put(new Entry(source, articleId, State.FAILED, reason, clock.instant()));
    }

    public synchronized Entry get(String source) {
        expirePending();
        return entries.get(source);
    }

    public synchronized long count(State state) {
        expirePending();
        return counts.getOrDefault(state, 0L);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Sources in order of their last change, most recent first. */
    public synchronized List<Entry> page(int offset, int limit) {
        expirePending();
        List<Entry> all = new ArrayList<>(entries.values());
        List<Entry> page = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(all.get(i));
        }
        return page;
    }

    private synchronized void put(Entry entry) {
        expirePending();
        store(entry);
        forgetPastCapacity();
    }

    private void store(Entry entry) {
        Entry previous = entries.remove(entry.source());
        if (previous != null) {
            counts.merge(previous.state(), -1L, Long::sum);
            pending.remove(entry.source());
        }
        entries.put(entry.source(), entry);
        counts.merge(entry.state(), 1L, Long::sum);
        if (entry.state() == State.PENDING) {
            pending.put(entry.source(), entry);
        }
    }

    private void expirePending() {
        Instant now = clock.instant();
        Iterator<Entry> oldest = pending.values().iterator();
        List<Entry> expired = new ArrayList<>();
        while (oldest.hasNext()) {
            Entry entry = oldest.next();
            if (entry.updatedAt().plus(pendingTimeout).isAfter(now)) {
                break;
            }
            expired.add(entry);
        }
        for (Entry entry : expired) {
            LOG.warnf("%s was pending for %s without an answer from Kafka: marked FAILED", LogValues.safe(entry.source()),
                    pendingTimeout);
            store(new Entry(entry.source(), entry.articleId(), State.FAILED,
                    "abandoned: no acknowledgement from Kafka within " + pendingTimeout
                            + " (newsfeed.ingest.pending-timeout); it is tried again when sent or changed again",
                    now));
        }
    }

    private void forgetPastCapacity() {
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity && oldest.hasNext()) {
            State state = oldest.next().getValue().state();
            if (state != State.PENDING) {
                oldest.remove();
                counts.merge(state, -1L, Long::sum);
            }
        }
        // Only pending entries are left to forget: a hard bound still, the oldest first.
        Iterator<Entry> oldestPending = pending.values().iterator();
        while (entries.size() > capacity && oldestPending.hasNext()) {
            Entry entry = oldestPending.next();
            oldestPending.remove();
            entries.remove(entry.source());
            counts.merge(State.PENDING, -1L, Long::sum);
            LOG.warnf("Forgot pending source %s: the ledger holds %d sources (newsfeed.ingest.status-capacity)",
                    LogValues.safe(entry.source()), capacity);
        }
    }
}
