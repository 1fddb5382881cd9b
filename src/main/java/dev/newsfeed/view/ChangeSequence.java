package dev.newsfeed.view;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How far a client has followed the feed's changes: for every log, the offset of the first record it has
 * not seen (Kafka's own "position"), plus the topic it counts in and when it was issued. Encoded as an
 * opaque token; {@code 0} is the beginning of time.
 *
 * <p>Offsets are what makes a token good on every instance: they are the same wherever the topic is read.
 * The topic's id tells a token of a deleted and recreated topic from one of this topic, and the issue time
 * tells whether a tombstone the client has not seen may have been compacted away since.
 */
public record ChangeSequence(String topicId, Instant issuedAt, SortedMap<String, Long> next) {

    /** The token of the beginning: every change is after it. */
    public static final String BEGINNING_TOKEN = "0";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "1";

    public ChangeSequence {
        next = Collections.unmodifiableSortedMap(new TreeMap<>(next));
    }

    public static ChangeSequence beginning() {
        return new ChangeSequence(null, null, new TreeMap<>());
    }

    public boolean isBeginning() {
        return issuedAt == null;
    }

    /** The first offset of {@code log} not yet seen. */
    public long next(String log) {
        return next.getOrDefault(log, 0L);
    }

    public String encode() {
        if (isBeginning()) {
            return BEGINNING_TOKEN;
        }
        StringBuilder plain = new StringBuilder(VERSION).append('|').append(topicId == null ? "" : topicId)
                .append('|').append(issuedAt.toEpochMilli()).append('|');
        next.forEach((log, offset) -> plain.append(log).append('=').append(offset).append(','));
        return ENCODER.encodeToString(plain.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidSinceException when the token was not issued by this service */
    public static ChangeSequence decode(String token) throws InvalidSinceException {
        if (token == null || token.isBlank()) {
            throw new InvalidSinceException(token);
        }
        if (token.strip().equals(BEGINNING_TOKEN)) {
            return beginning();
        }
        try {
            String[] parts = new String(DECODER.decode(token.strip()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new InvalidSinceException(token);
            }
            TreeMap<String, Long> next = new TreeMap<>();
            for (String entry : parts[3].split(",")) {
                if (entry.isEmpty()) {
                    continue;
                }
                int equals = entry.indexOf('=');
                String log = entry.substring(0, Math.max(equals, 0));
                long offset = Long.parseLong(entry.substring(equals + 1));
                if (!log.matches("[ar][0-9]{1,6}") || offset < 0) {
                    throw new InvalidSinceException(token);
                }
                next.put(log, offset);
            }
            String topic = parts[1].isEmpty() ? null : parts[1];
            return new ChangeSequence(topic, Instant.ofEpochMilli(Long.parseLong(parts[2])), next);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeException e) {
            throw new InvalidSinceException(token);
        }
    }
}
