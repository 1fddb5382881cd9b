package dev.newsfeed.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.newsfeed.article.Article;

/**
 * Reads a record of the articles topic as a {@link PushEvent}. The CloudEvents headers say what happened; a record
 * without them (another writer) is told apart by its value: none is a retraction, one is a published version. A
 * value that is not an article is skipped: the view skips it too, so no subscriber hears of it.
 */
final class EventDecoder {

    private static final Logger LOG = Logger.getLogger(EventDecoder.class);
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private EventDecoder() {
    }

    /** The event of the record; null when it is not one (no key, or a value that is not an article). */
    static PushEvent decode(ConsumerRecord<String, byte[]> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.key() == null) {
            return null;
        }
        String ceId = header(record, "ce_id");
        String eventId = ceId != null ? ceId : position;
        Instant time = time(header(record, "ce_time"), record.timestamp());
        if (record.value() == null) {
            return new PushEvent(eventId, EventKind.RETRACTED, record.key(), null, time, position);
        }
        EventKind kind = EventKind.ofCeType(header(record, "ce_type"));
        try {
            Article article = JSON.readValue(record.value(), Article.class);
            if (article == null || article.id() == null || !article.id().equals(record.key())) {
                return null;
            }
            return new PushEvent(eventId, kind == null || kind == EventKind.RETRACTED ? EventKind.PUBLISHED : kind,
                    record.key(), article, time, position);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Not pushed: %s is not an article (%s)", position, e.getClass().getSimpleName());
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant time(String ceTime, long timestamp) {
        if (ceTime != null) {
            try {
                return OffsetDateTime.parse(ceTime).toInstant();
            } catch (DateTimeParseException e) {
                // The record's own time will do.
            }
        }
        return Instant.ofEpochMilli(timestamp);
    }
}
