package dev.newsfeed.feed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.newsfeed.article.Article;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The bytes of {@code /feed/stream}'s events, made once and shared by every client: each change of a batch is
 * turned into JSON and UTF-8 at most once per {@link Fields} variant, whatever the number of clients. Serialising
 * it once per client cost most of the stream's CPU (issue 10).
 *
 * <p>The bytes sit in direct memory that is never released by hand (the garbage collector frees it), so the same
 * buffer can be written to many connections at once: Netty reads it in place, without copying it per client.
 */
final class FeedStreamEvents {

    /** Which form of the article an event carries: what {@code fields} asked for. */
    enum Fields {
        ALL, SUMMARY
    }

    /** A comment line that keeps proxies and clients from thinking the connection dead. */
    static final ByteBuf HEARTBEAT = shared(":heartbeat\n\n".getBytes(StandardCharsets.US_ASCII));

    private static final byte[] ID = "id:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectWriter all;
    private final ObjectWriter summaries;

    // Touched only by the view's applying thread, which hands each batch to every listener in turn.
    private List<FeedChange> lastBatch;
    private List<Event> lastEvents;

    FeedStreamEvents(ObjectMapper json) {
        this.all = json.writer();
        this.summaries = json.writerWithView(Article.Summary.class);
    }

    /**
     * The events of one batch the view handed to its listeners. Every listener gets the same list, one after the
     * other on the view's applying thread, so every stream gets the same events, whose bytes are made once.
     */
    synchronized List<Event> of(List<FeedChange> batch) {
        if (batch != lastBatch) {
            List<Event> events = new ArrayList<>(batch.size());
            for (FeedChange change : batch) {
                events.add(new Event(change));
            }
            lastBatch = batch;
            lastEvents = events;
        }
        return lastEvents;
    }

    /** The bytes of a change that only one client sees, such as one of its catch-up pages. */
    ByteBuf render(FeedChange change, Fields fields) {
        byte[] json;
        try {
            json = (fields == Fields.SUMMARY ? summaries : all).writeValueAsBytes(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change could not be written as JSON", e);
        }
        // A sequence is URL-safe base64 and JSON escapes line breaks, so neither needs splitting into lines.
        byte[] id = change.sequence().getBytes(StandardCharsets.US_ASCII);
        byte[] event = new byte[ID.length + id.length + DATA.length + json.length + END.length];
        int at = 0;
        for (byte[] part : new byte[][] { ID, id, DATA, json, END }) {
            System.arraycopy(part, 0, event, at, part.length);
            at += part.length;
        }
        return shared(event);
    }

    /** Wraps direct memory that nobody releases, so that writing it any number of times never frees it. */
    private static ByteBuf shared(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
    }

    /** One change as every client of the batch sees it, with its bytes made by the first client that sends it. */
    final class Event {

        private final FeedChange change;
        // Guarded by this: the first sender of a variant makes it, the others wait for it rather than make it again.
        private final ByteBuf[] bytes = new ByteBuf[Fields.values().length];
        /** Guarded by this: the answer of each distinct search asked of this change so far. */
        private Map<FeedFilter, Boolean> searches;

        private Event(FeedChange change) {
            this.change = change;
        }

        /**
         * Whether a client with this filter gets the change. A search indexes the article in memory, so its answer
         * is kept for the other clients with the same search; tags and sources are cheaper to test again.
         */
        boolean passes(FeedFilter filter) {
            Article article = change.article();
            if (article == null) {
                // A retraction passes every filter: a retracted article has no text left to match.
                return true;
            }
            if (!filter.hasWords()) {
                return filter.test(article);
            }
            Boolean known;
            synchronized (this) {
                known = searches == null ? null : searches.get(filter);
            }
            if (known != null) {
                return known;
            }
            // Outside the lock, so that clients who only want the bytes do not wait for a search.
            boolean passes = filter.test(article);
            synchronized (this) {
                if (searches == null) {
                    searches = new HashMap<>();
                }
                searches.put(filter, passes);
            }
            return passes;
        }

        synchronized ByteBuf bytes(Fields fields) {
            ByteBuf made = bytes[fields.ordinal()];
            if (made == null) {
                made = render(change, fields);
                bytes[fields.ordinal()] = made;
            }
            return made;
        }
    }
}
