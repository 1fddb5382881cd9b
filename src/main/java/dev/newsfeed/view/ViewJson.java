package dev.newsfeed.view;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.lucene.util.BytesRef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/** How the index stores articles and retractions: JSON, written and read by the view alone. */
final class ViewJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader ARTICLES = MAPPER.readerFor(Article.class);
    private static final ObjectReader RETRACTIONS = MAPPER.readerFor(Retraction.class);

    private ViewJson() {
    }

    static byte[] write(Object value) {
        try {
            return WRITER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the view could not write " + value.getClass().getSimpleName(), e);
        }
    }

    static Article article(BytesRef json) {
        return read(ARTICLES, json);
    }

    static Retraction retraction(BytesRef json) {
        return read(RETRACTIONS, json);
    }

    private static <T> T read(ObjectReader reader, BytesRef json) {
        try {
            return reader.readValue(json.bytes, json.offset, json.length);
        } catch (IOException e) {
            // The view wrote it: an index that no longer reads is damaged, and is rebuilt at the next start.
            throw new UncheckedIOException("the index holds a value the view cannot read", e);
        }
    }
}
