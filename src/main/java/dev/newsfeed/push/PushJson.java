package dev.newsfeed.push;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON of push's own records (subscriptions, statuses): dates as ISO-8601 text, unknown fields ignored. */
final class PushJson {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private PushJson() {
    }

    static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a push record could not be written as JSON", e);
        }
    }

    static <T> T read(byte[] value, Class<T> type) throws IOException {
        return JSON.readValue(value, type);
    }
}
