package dev.newsfeed.http;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers 413 with a problem body, before reading it, to a request that announces a body larger than the
 * article limit; a body sent without a length is measured as it is read ({@link BoundedBodyReader}). Likewise
 * 414 for a request target over {@code newsfeed.http.max-uri-length} and 431 for headers over
 * {@code newsfeed.http.max-header-bytes}: Vert.x answers those with empty bodies, so its own limits are set
 * higher and stay only as the last resort.
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final long maxBytes;
    private final String tooLarge;
    private final int maxUriLength;
    private final String uriTooLong;
    private final int maxHeaderBytes;
    private final String headersTooLarge;

    RequestSizeLimit(@ConfigProperty(name = "newsfeed.ingest.max-bytes") long maxBytes, HttpSettings settings,
            ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = maxBytes;
        // The same problem body the resources answer for a body sent without a length.
        this.tooLarge = json.writeValueAsString(new PayloadTooLargeException(maxBytes).problem());
        this.maxUriLength = settings.maxUriLength();
        this.uriTooLong = json.writeValueAsString(Problem.of(414, "URI Too Long", "a request target may be at most "
                + maxUriLength + " characters long (newsfeed.http.max-uri-length)"));
        this.maxHeaderBytes = settings.maxHeaderBytes();
        this.headersTooLarge = json.writeValueAsString(Problem.of(431, "Request Header Fields Too Large",
                "request headers may take at most " + maxHeaderBytes + " bytes (newsfeed.http.max-header-bytes)"));
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 100);
    }

    private void check(RoutingContext context) {
        if (context.request().uri().length() > maxUriLength) {
            refuse(context, 414, uriTooLong);
            return;
        }
        if (headerBytes(context.request().headers()) > maxHeaderBytes) {
            refuse(context, 431, headersTooLarge);
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            refuse(context, 413, tooLarge);
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, int status, String problem) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem);
    }

    /** What the headers take on the wire, about: each name and value, with ": " and CRLF. */
    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
