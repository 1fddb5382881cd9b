package dev.newsfeed.view;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * An opaque keyset cursor: the position of the last article a page returned (and, in relevance order, its
 * score). The next page starts after it, so an article published meanwhile (it sorts before the cursor) neither
 * shifts nor repeats the pages.
 */
public final class FeedCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Marks a cursor of relevance order; a feed-order cursor starts with its ISO time, never with this. */
    private static final String SCORED = "s";

    private FeedCursor() {
    }

    static String encode(FeedPosition position) {
        return encodePlain(position.publishedAt() + "|" + position.id());
    }

    static String encode(float score, FeedPosition position) {
        return encodePlain(SCORED + "|" + Float.floatToIntBits(score) + "|" + position.publishedAt() + "|"
                + position.id());
    }

    private static String encodePlain(String plain) {
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The search position after which a page in {@code order} starts.
     *
     * @throws InvalidCursorException when the cursor was not issued by a page in that order
     */
    static FieldDoc after(String cursor, FeedOrder order) throws InvalidCursorException {
        try {
            String plain = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", order == FeedOrder.RELEVANCE ? 4 : 2);
            boolean scored = parts[0].equals(SCORED);
            if (scored != (order == FeedOrder.RELEVANCE) || parts.length != (scored ? 4 : 2)) {
                throw new InvalidCursorException(cursor);
            }
            int at = scored ? 2 : 0;
            String id = parts[at + 1];
            if (id.isEmpty()) {
                throw new InvalidCursorException(cursor);
            }
            long published = FeedPosition.sortKey(Instant.parse(parts[at]));
            // Ids are unique, so only the cursor's own article ties with it; the largest doc puts that one before.
            return scored
                    ? new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] { Float.intBitsToFloat(Integer.parseInt(parts[1])),
                            published, new BytesRef(id) })
                    : new FieldDoc(Integer.MAX_VALUE, Float.NaN, new Object[] { published, new BytesRef(id) });
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidCursorException(cursor);
        }
    }
}
