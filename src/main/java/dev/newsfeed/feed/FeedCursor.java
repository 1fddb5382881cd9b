package dev.newsfeed.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * An opaque keyset cursor: the position of the last article a page returned. The next page starts after
 * it, so an article published meanwhile (it sorts before the cursor) neither shifts nor repeats the pages.
 */
public final class FeedCursor {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private FeedCursor() {
    }

    static String encode(FeedPosition position) {
        String plain = position.publishedAt() + "|" + position.id();
        return ENCODER.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static FeedPosition decode(String cursor) throws InvalidCursorException {
        try {
            String plain = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0 || bar == plain.length() - 1) {
                throw new InvalidCursorException(cursor);
            }
            return new FeedPosition(Instant.parse(plain.substring(0, bar)), plain.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidCursorException(cursor);
        }
    }
}
