package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What became of each source, kept per source (a file path, or an HTTP submission's identity), not per
 * version, and bounded: past {@code capacity} sources, the one untouched longest is forgotten, unless it is
 * still pending. Thread-safe.
 */
public final class SourceLedger {

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
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    /** Kept with every change, so that metrics scrapes and status pages do not walk all the entries. */
    private final EnumMap<State, Long> counts = new EnumMap<>(State.class);

    public SourceLedger(int capacity, Clock clock) {
        this.capacity = capacity;
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
        return entries.get(source);
    }

    public synchronized long count(State state) {
        return counts.getOrDefault(state, 0L);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Sources in order of their last change, most recent first. */
    public synchronized List<Entry> page(int offset, int limit) {
        List<Entry> all = new ArrayList<>(entries.values());
        List<Entry> page = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1 - offset; i >= 0 && page.size() < limit; i--) {
            page.add(all.get(i));
        }
        return page;
    }

    private synchronized void put(Entry entry) {
        Entry previous = entries.remove(entry.source());
        if (previous != null) {
            counts.merge(previous.state(), -1L, Long::sum);
        }
        entries.put(entry.source(), entry);
        counts.merge(entry.state(), 1L, Long::sum);
        Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
        while (entries.size() > capacity && oldest.hasNext()) {
            State state = oldest.next().getValue().state();
            if (state != State.PENDING) {
                oldest.remove();
                counts.merge(state, -1L, Long::sum);
            }
        }
    }
}
