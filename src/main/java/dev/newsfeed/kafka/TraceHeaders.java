package dev.newsfeed.kafka;

import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A record's headers as the carrier of a W3C trace context ({@code traceparent}, {@code tracestate}): written by a
 * publisher with {@link #SETTER}, read by whoever handles the record with {@link #GETTER}, so that the article's
 * trace goes on from the POST (or the dropped file) through the record to the view and to each push delivery.
 */
public final class TraceHeaders {

    public static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    public static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return StreamSupport.stream(headers.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }
}
