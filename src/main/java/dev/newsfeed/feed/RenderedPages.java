package dev.newsfeed.feed;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feed pages as rendered for the view's current snapshot, by request: pollers asking for the same page again,
 * most of what a feed serves, cost a lookup and a 304 or a copy of the bytes, not a search and a rendering. An
 * entry holds for one snapshot of the view and one hour (a page's since token is stamped to the hour), so it is
 * never stale; at most {@value #MAX_ENTRIES} entries of at most {@value #MAX_ENTRY_BYTES} bytes are kept.
 */
@ApplicationScoped
class RenderedPages {

    /**
     * A rendered page and what its answer needs besides the body. The body is kept as UTF-8 bytes: a page encoded
     * again for every answer cost a poller's request a third of its CPU.
     */
    record Page(byte[] body, ConditionalResponses.Validators validators, boolean truncated, String nextQuery) {
    }

    private record Entry(long snapshot, Instant hour, Page page) {
    }

    static final int MAX_ENTRIES = 256;
    static final int MAX_ENTRY_BYTES = 256 * 1024;

    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The page rendered for {@code request} from this snapshot in this hour; null when there is none. */
    synchronized Page get(String request, long snapshot, Instant hour) {
        Entry entry = entries.get(request);
        return entry != null && entry.snapshot() == snapshot && entry.hour().equals(hour) ? entry.page() : null;
    }

    /** Keeps a page rendered from {@code snapshot}, which was read before the page was. */
    synchronized void put(String request, long snapshot, Instant hour, Page page) {
        if (page.body().length <= MAX_ENTRY_BYTES) {
            entries.put(request, new Entry(snapshot, hour, page));
        } else {
            entries.remove(request);
        }
    }
}
