package dev.newsfeed.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 413 with a problem body, before reading it, to a request that announces a body larger than the
 * article limit. (Quarkus' own limit, {@code quarkus.http.limits.max-body-size}, answers without a body; it
 * stays as the ceiling for bodies sent without a length, which the resources measure themselves.)
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final long maxBytes;
    private final String tooLarge;

    RequestSizeLimit(@ConfigProperty(name = "newsfeed.ingest.max-bytes") long maxBytes, ObjectMapper json)
            throws JsonProcessingException {
        this.maxBytes = maxBytes;
        // The same problem body the resources answer for a body sent without a length.
        this.tooLarge = json.writeValueAsString(new PayloadTooLargeException(maxBytes).problem());
    }

    public long maxBytes() {
        return maxBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(tooLarge);
            return;
        }
        context.next();
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
