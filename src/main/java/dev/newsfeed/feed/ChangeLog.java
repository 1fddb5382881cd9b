package dev.newsfeed.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * For every article id, the one record that decides its state now (its current version, its retraction or
 * its tombstone), indexed by position: what a compacted topic keeps, and all a client needs to catch up.
 * A client that has seen everything before a sequence gets the current state of every id whose deciding
 * record lies after it. Not thread-safe: {@link FeedView} guards it with its lock.
 */
final class ChangeLog {

    /** An id's deciding record. */
    record Entry(String id, LogPosition position, Instant at) {
    }

    /** The entries after a sequence, oldest first, and the sequence after the last one scanned. */
    record Scan(List<Placed> entries, ChangeSequence next, boolean more) {
    }

    /** An entry and the sequence just after it. */
    record Placed(Entry entry, ChangeSequence sequence) {
    }

    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing(Entry::at)
            .thenComparing(entry -> entry.position().log())
            .thenComparingLong(entry -> entry.position().offset());

    private final Map<String, NavigableMap<Long, Entry>> logs = new HashMap<>();
    private final Map<String, Entry> byId = new HashMap<>();
    private final TreeMap<String, Long> head = new TreeMap<>();

    /** Notes that every record up to {@code position} has been read, deciding or not. */
    void advance(LogPosition position) {
        head.merge(position.log(), position.offset() + 1, Math::max);
    }

    /** Makes the record at {@code position} the deciding one of {@code id}; null when nothing decides it. */
    void place(String id, LogPosition position, Instant at) {
        Entry previous = byId.remove(id);
        if (previous != null) {
            logs.get(previous.position().log()).remove(previous.position().offset());
        }
        if (position != null) {
            Entry entry = new Entry(id, position, at);
            byId.put(id, entry);
            logs.computeIfAbsent(position.log(), log -> new TreeMap<>()).put(position.offset(), entry);
        }
    }

    /** The position after every record read so far. */
    ChangeSequence head(String topicId, Instant now) {
        return new ChangeSequence(topicId, now, head);
    }

    /**
     * Up to {@code limit} entries that {@code accept} takes, after {@code since} and before {@code upTo},
     * merged across logs oldest first (each log in offset order, so the sequence after any of them is a
     * prefix of every log and a client resuming from it misses nothing).
     */
    Scan after(ChangeSequence since, ChangeSequence upTo, int limit, Predicate<Entry> accept) {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, OLDEST_FIRST));
        logs.forEach((log, entries) -> {
            long from = since.next(log);
            long to = upTo.next(log);
            if (from < to) {
                Iterator<Entry> tail = entries.subMap(from, true, to, false).values().iterator();
                if (tail.hasNext()) {
                    heads.add(new Head(tail.next(), tail));
                }
            }
        });
        List<Placed> accepted = new ArrayList<>();
        // One map moved along the scan; a sequence is made of it only for what is handed out.
        TreeMap<String, Long> cursor = new TreeMap<>(since.next());
        while (!heads.isEmpty() && accepted.size() < limit) {
            Head head = heads.poll();
            LogPosition position = head.entry().position();
            cursor.merge(position.log(), position.offset() + 1, Math::max);
            if (accept.test(head.entry())) {
                accepted.add(new Placed(head.entry(), new ChangeSequence(upTo.topicId(), upTo.issuedAt(), cursor)));
            }
            if (head.rest().hasNext()) {
                heads.add(new Head(head.rest().next(), head.rest()));
            }
        }
        boolean more = !heads.isEmpty();
        if (!more) {
            // Nothing left: the client may skip straight to the head, the rest of every log decides nothing.
            upTo.next().forEach((log, offset) -> cursor.merge(log, offset, Math::max));
        }
        return new Scan(accepted, new ChangeSequence(upTo.topicId(), upTo.issuedAt(), cursor), more);
    }

    private record Head(Entry entry, Iterator<Entry> rest) {
    }
}
