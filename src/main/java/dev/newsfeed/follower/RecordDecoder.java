package dev.newsfeed.follower;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;
import dev.newsfeed.view.ArticleChange;
import dev.newsfeed.view.LogPosition;

/**
 * Turns a record of the articles or retractions topic into a change of the view, or refuses it with a reason.
 * Anyone who can write to the topics can write anything, so every record is checked here, whole, before the
 * view sees it: the view is never left half-changed by a record it cannot use.
 */
final class RecordDecoder {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "title": 123 is not a title: numbers and booleans are not read as text, nor text as numbers.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    /**
     * The header of a tombstone that names the content hash of the version it was written to remove (the CloudEvents
     * extension attribute {@code removes}, in binary mode): it removes no other version.
     */
    static final String REMOVES_HEADER = "ce_removes";

    /** Ids, sources and tags are indexed as single terms, which Lucene caps at 32 KiB; ours are far shorter. */
    static final int MAX_TERM_BYTES = 4_096;
    static final int MAX_TAGS = 100;

    private final String articlesTopic;

    RecordDecoder(String articlesTopic) {
        this.articlesTopic = articlesTopic;
    }

    LogPosition position(ConsumerRecord<?, ?> record) {
        return record.topic().equals(articlesTopic) ? LogPosition.article(record.partition(), record.offset())
                : LogPosition.retraction(record.partition(), record.offset());
    }

    /** @throws UnusableRecordException when the record is not a change the view can apply */
    ArticleChange decode(ConsumerRecord<String, byte[]> record) throws UnusableRecordException {
        if (record.key() == null) {
            throw new UnusableRecordException(SkipReason.NO_KEY, "it has no key, so it names no article");
        }
        requireTerm("key", record.key());
        LogPosition position = position(record);
        boolean article = record.topic().equals(articlesTopic);
        if (record.value() == null) {
            if (!article) {
                throw new UnusableRecordException(SkipReason.NULL_VALUE, "a retraction record has no value");
            }
            Header removes = record.headers().lastHeader(REMOVES_HEADER);
            Instant at = Instant.ofEpochMilli(record.timestamp());
            return removes == null || removes.value() == null ? ArticleChange.removal(record.key(), at, position)
                    : ArticleChange.removal(record.key(), at, position,
                            new String(removes.value(), StandardCharsets.UTF_8));
        }
        JsonNode tree = tree(record.value());
        if (article) {
            require(tree, "id", "title", "body", "publishedAt", "updatedAt", "contentHash");
            requireText(tree, "id", "title", "subtitle", "summary", "source", "publishedAt", "updatedAt", "contentHash",
                    "slug");
            requireTextArray(tree, "body", "tags");
            Article version = read(tree, Article.class);
            checkKey(record.key(), version.id());
            requireTerm("source", version.source());
            if (version.tags().size() > MAX_TAGS) {
                throw new UnusableRecordException(SkipReason.TOO_LONG, "it has " + version.tags().size()
                        + " tags; at most " + MAX_TAGS);
            }
            for (String tag : version.tags()) {
                requireTerm("tag", tag);
            }
            if (version.title().isBlank()) {
                throw new UnusableRecordException(SkipReason.MISSING_FIELD, "its title is blank");
            }
            return ArticleChange.put(version, position);
        }
        require(tree, "id", "retractedAt", "contentHash");
        requireText(tree, "id", "retractedAt", "contentHash", "source");
        Retraction retraction = read(tree, Retraction.class);
        checkKey(record.key(), retraction.id());
        return ArticleChange.retraction(retraction, position);
    }

    private static JsonNode tree(byte[] value) throws UnusableRecordException {
        try {
            JsonNode tree = JSON.readTree(value);
            if (tree == null || tree.isNull()) {
                throw new UnusableRecordException(SkipReason.NULL_VALUE,
                        "its value is JSON null, not a tombstone (a record with no value)");
            }
            if (!tree.isObject()) {
                throw new UnusableRecordException(SkipReason.WRONG_TYPE, "its value is JSON " + tree.getNodeType()
                        + ", not an object");
            }
            return tree;
        } catch (StreamReadException e) {
            throw new UnusableRecordException(SkipReason.NOT_JSON, "its value is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnusableRecordException(SkipReason.NOT_JSON, "its value could not be read: " + e.getMessage());
        }
    }

    private static void require(JsonNode tree, String... fields) throws UnusableRecordException {
        for (String field : fields) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
                throw new UnusableRecordException(SkipReason.MISSING_FIELD, "it has no " + field);
            }
        }
    }

    /** Text where text is meant: Jackson would otherwise read {@code "title": 123} as "123". */
    private static void requireText(JsonNode tree, String... fields) throws UnusableRecordException {
        for (String field : fields) {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new UnusableRecordException(SkipReason.WRONG_TYPE, "its " + field + " is a "
                        + value.getNodeType().toString().toLowerCase(Locale.ROOT) + ", not text");
            }
        }
    }

    private static void requireTextArray(JsonNode tree, String... fields) throws UnusableRecordException {
        for (String field : fields) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isArray()) {
                throw new UnusableRecordException(SkipReason.WRONG_TYPE, "its " + field + " is not a list of text");
            }
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new UnusableRecordException(SkipReason.WRONG_TYPE, "its " + field
                            + " holds something other than text");
                }
            }
        }
    }

    private static <T> T read(JsonNode tree, Class<T> type) throws UnusableRecordException {
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new UnusableRecordException(SkipReason.WRONG_TYPE, "it is not " + describe(type) + ": " + message);
        }
    }

    private static void requireTerm(String what, String value) throws UnusableRecordException {
        if (value != null && value.length() * 3 > MAX_TERM_BYTES
                && value.getBytes(StandardCharsets.UTF_8).length > MAX_TERM_BYTES) {
            throw new UnusableRecordException(SkipReason.TOO_LONG, "its " + what + " is longer than "
                    + MAX_TERM_BYTES + " bytes");
        }
    }

    private static void checkKey(String key, String id) throws UnusableRecordException {
        if (!key.equals(id)) {
            throw new UnusableRecordException(SkipReason.KEY_MISMATCH, "its key differs from the id '" + id + "'");
        }
    }

    private static String describe(Class<?> type) {
        return type == Article.class ? "an article" : "a retraction";
    }
}
