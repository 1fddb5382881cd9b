package dev.newsfeed.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.LogPosition;

/**
 * The records this instance wrote and Kafka acknowledged that its view may not show yet, by position, with the id
 * each one is about. A write of id X must decide on a view that holds everything Kafka acknowledged before it came
 * ({@link ViewSync}); when every record between what the view shows and the ends of the logs is one of this
 * instance's own, and none is about X, the view already holds everything that decides X: the write need not wait
 * for the view to apply the others' records.
 *
 * <p>Only a proof counts: an offset not known here (another instance's record, a write whose answer has not come
 * yet or never came, a retraction) leaves the write waiting for the view, as before. Forgetting is therefore always
 * safe, and what is kept is bounded.
 */
@ApplicationScoped
public class OwnWrites {

    /** Records kept per log at most; past it the oldest are forgotten (writes then wait for the view). */
    static final int MAX_KEPT = 65_536;

    /** A write waiting for its gap to be covered by acknowledged records of its own. */
    private record Waiter(Map<String, Long> ends, String id, CompletableFuture<Void> covered) {
    }

    private final Map<String, ConcurrentSkipListMap<Long, String>> acknowledged = new ConcurrentHashMap<>();
    private final Supplier<Map<String, Long>> shown;
    // Guarded by itself.
    private final List<Waiter> waiting = new ArrayList<>();

    @Inject
    OwnWrites(FeedView view) {
        this(view::shown);
    }

    /** @param shown for every log, the offset of the first record the view does not show yet */
    OwnWrites(Supplier<Map<String, Long>> shown) {
        this.shown = shown;
    }

    /** Kafka acknowledged this instance's record at {@code position}, about article {@code id}. */
    public void acknowledged(LogPosition position, String id) {
        ConcurrentSkipListMap<Long, String> log = acknowledged.computeIfAbsent(position.log(),
                ignored -> new ConcurrentSkipListMap<>());
        log.put(position.offset(), id);
        Map<String, Long> view = shown.get();
        log.headMap(view.getOrDefault(position.log(), 0L)).clear();
        while (log.size() > MAX_KEPT) {
            log.pollFirstEntry();
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        synchronized (waiting) {
            for (Iterator<Waiter> waiters = waiting.iterator(); waiters.hasNext();) {
                Waiter waiter = waiters.next();
                if (waiter.covered().isDone()) {
                    waiters.remove();
                } else if (covers(view, waiter.ends(), waiter.id())) {
                    done.add(waiter.covered());
                    waiters.remove();
                }
            }
        }
        done.forEach(covered -> covered.complete(null));
    }

    /**
     * Completes once everything between what the view shows and {@code ends} is known to be this instance's own
     * records about other ids than {@code id}: at once when it is already, or when the acknowledgements still on
     * their way arrive. Never fails; whoever waits also waits for the view itself, and cancels this when that comes
     * first.
     */
    public CompletableFuture<Void> covered(Map<String, Long> ends, String id) {
        CompletableFuture<Void> covered = new CompletableFuture<>();
        Waiter waiter = new Waiter(Map.copyOf(ends), id, covered);
        synchronized (waiting) {
            if (covers(shown.get(), waiter.ends(), id)) {
                covered.complete(null);
                return covered;
            }
            waiting.add(waiter);
        }
        // An acknowledgement may have come between the check and the registration.
        if (covers(shown.get(), waiter.ends(), id)) {
            covered.complete(null);
        }
        return covered;
    }

    /** Forgets the waiters that ended another way. */
    void forget(CompletionStage<Void> covered) {
        synchronized (waiting) {
            waiting.removeIf(waiter -> waiter.covered() == covered || waiter.covered().isDone());
        }
    }

    /** How many writes wait for their acknowledgements now. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private boolean covers(Map<String, Long> view, Map<String, Long> ends, String id) {
        for (Map.Entry<String, Long> end : ends.entrySet()) {
            long from = view.getOrDefault(end.getKey(), 0L);
            long to = end.getValue();
            if (to <= from) {
                continue;
            }
            ConcurrentSkipListMap<Long, String> log = acknowledged.get(end.getKey());
            if (log == null) {
                return false;
            }
            NavigableMap<Long, String> gap = log.subMap(from, true, to, false);
            // Offsets are consecutive at the head of a log with no transactions: as many known records as offsets
            // means every one of them is known. A count that falls short (or a log that skips offsets) waits.
            long known = 0;
            for (String about : gap.values()) {
                if (about.equals(id)) {
                    return false;
                }
                known++;
            }
            if (known != to - from) {
                return false;
            }
        }
        return true;
    }
}
