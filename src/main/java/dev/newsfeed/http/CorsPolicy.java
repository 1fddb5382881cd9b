package dev.newsfeed.http;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-origin access, two ways: every origin may read (GET and HEAD without credentials), and only the
 * origins of {@code newsfeed.http.cors-write-origins} may write (POST, PUT, DELETE) or send
 * {@code Authorization}. Quarkus' own CORS filter grants the same to every allowed origin, which opened
 * writes to any page the moment reads were opened to all. A write from another origin is refused with 403
 * in its preflight and again when sent, so a page that skips the preflight gets no further. Every answer
 * carries {@code Vary: Origin}, because what it allows depends on the origin that asked.
 */
@ApplicationScoped
public class CorsPolicy {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final String EXPOSED = "ETag, Last-Modified, Link, Location, Retry-After, Feed-Page-Truncated";
    private static final String WRITE_METHODS = "GET, HEAD, POST, PUT, DELETE";
    /** How long a browser may reuse a preflight's answer. */
    private static final String MAX_AGE = "600";

    private final Set<String> writeOrigins;
    private final ObjectMapper json;

    CorsPolicy(HttpSettings settings, ObjectMapper json) {
        // "null" is what sandboxed frames and file: pages send: it names no one, so it can never be trusted.
        this.writeOrigins = settings.corsWriteOrigins().orElse(List.of()).stream()
                .map(CorsPolicy::normalise).filter(origin -> !origin.isEmpty() && !origin.equals("null"))
                .collect(Collectors.toUnmodifiableSet());
        this.json = json;
    }

    void register(@Observes Filters filters) {
        // Before the request size limit: a preflight has no body, and a refused write need not be measured.
        filters.register(this::apply, 200);
    }

    private void apply(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        // Added when the headers go out, to whatever Vary the resource set (Accept, Accept-Encoding).
        context.addHeadersEndHandler(ignored -> varyByOrigin(response));
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        // Browsers send Origin on same-origin writes too (the Swagger UI's, say): those are no CORS matter.
        if (origin == null || sameOrigin(origin, request)) {
            context.next();
            return;
        }
        boolean writer = writeOrigins.contains(normalise(origin));
        String requestedMethod = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (request.method() == HttpMethod.OPTIONS && requestedMethod != null) {
            String requestedHeaders = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
            if (isWrite(method(requestedMethod), requestedHeaders) && !writer) {
                refuse(response, origin);
                return;
            }
            response.setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, writer ? WRITE_METHODS : "GET, HEAD")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            if (requestedHeaders != null && !requestedHeaders.isBlank()) {
                response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
            }
            response.end();
            return;
        }
        if (isWrite(request.method(), request.getHeader(HttpHeaders.AUTHORIZATION) != null ? "authorization" : null)
                && !writer) {
            refuse(response, origin);
            return;
        }
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        context.next();
    }

    private static boolean sameOrigin(String origin, HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        return host != null && normalise(origin).equals(request.scheme() + "://" + host.toLowerCase(Locale.ROOT));
    }

    /** The method a preflight names; null for one that is no HTTP token at all, which counts as a write. */
    private static HttpMethod method(String name) {
        try {
            return HttpMethod.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A method other than GET and HEAD, or credentials: what only the write origins may send. */
    private static boolean isWrite(HttpMethod method, String headers) {
        if (method == null || !READS.contains(method)) {
            return true;
        }
        return headers != null && Arrays.stream(headers.split(","))
                .anyMatch(header -> header.strip().equalsIgnoreCase(HttpHeaders.AUTHORIZATION.toString()));
    }

    private void refuse(HttpServerResponse response, String origin) {
        Problem problem = Problem.of(403, "Cross-origin write refused", "origin " + origin
                + " may read this feed but not write to it; newsfeed.http.cors-write-origins lists the origins"
                + " that may");
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body could not be written as JSON", e);
        }
        response.setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    private static void varyByOrigin(HttpServerResponse response) {
        String vary = response.headers().get(HttpHeaders.VARY);
        if (vary == null || vary.isBlank()) {
            response.putHeader(HttpHeaders.VARY, "Origin");
        } else if (Arrays.stream(vary.split(",")).noneMatch(value -> value.strip().equalsIgnoreCase("Origin"))) {
            response.putHeader(HttpHeaders.VARY, vary + ", Origin");
        }
    }

    private static String normalise(String origin) {
        String stripped = origin.strip();
        return (stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped)
                .toLowerCase(Locale.ROOT);
    }
}
