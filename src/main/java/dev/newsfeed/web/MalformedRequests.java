package dev.newsfeed.web;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;

/**
 * Request targets refused before any resource sees them, answered as the rest of the service answers: a problem
 * for the API, the HTML error page with the reader's headers for the reader's paths (issue 22, findings 1 and 4).
 * <ul>
 * <li>A target that is not a URI (bad percent-encoding such as {@code %zz}, {@code //}). Quarkus' own check refuses
 * it with an empty 400 before any route runs, unless the JVM runs with {@code -Dvertx.disableURIValidation=true}
 * (set by the image and the tests; Quarkus reads nothing else there): then this check makes the same decision and
 * answers it properly.</li>
 * <li>A request Vert.x's router itself fails with 400 (HTTP/1.1 without {@code Host}): answered the same way, where
 * Quarkus answered with a JSON of its own.</li>
 * <li>Path parameters ({@code /articles/x;y=z}): RESTEasy drops them before matching, so {@code ;y=z} reached
 * the resource unseen. No newsfeed path takes any, and no id holds a {@code ;}: they are refused.</li>
 * </ul>
 */
@ApplicationScoped
class MalformedRequests {

    static final String UNREADABLE = "the request target could not be read: each % must start a percent-encoded"
            + " byte (%xx, two hex digits) and the path must not start with //";
    /** Vert.x's own refusals: a request without {@code Host}, an empty path, and the like. */
    static final String BAD_REQUEST = "the request could not be read: check its target and its Host header";
    static final String PATH_PARAMETERS = "path parameters (;name=value) are not accepted: send the path without"
            + " them, and filters as query parameters";

    private static final int FAILURES_FIRST = -1_000;
    /** After the request size limits (100): a target too long is a 414 first. */
    private static final int AFTER_SIZE_LIMITS = 90;

    private final String unreadable;
    private final String badRequest;
    private final String pathParameters;

    MalformedRequests(ObjectMapper json) throws JsonProcessingException {
        this.unreadable = json.writeValueAsString(Problem.of(400, "Bad Request", UNREADABLE));
        this.badRequest = json.writeValueAsString(Problem.of(400, "Bad Request", BAD_REQUEST));
        this.pathParameters = json.writeValueAsString(Problem.of(400, "Bad Request", PATH_PARAMETERS));
    }

    void install(@Observes Router router) {
        // Before Quarkus' own failure handler (the last route), which answers Vert.x's refusals with its JSON.
        router.route().order(FAILURES_FIRST).failureHandler(context -> {
            if (context.statusCode() == 400) {
                refuse(context, BAD_REQUEST, badRequest);
            } else {
                context.next();
            }
        });
    }

    void install(@Observes Filters filters) {
        filters.register(this::refuseMalformed, AFTER_SIZE_LIMITS);
    }

    private void refuseMalformed(RoutingContext context) {
        if (!isUri(context.request().uri())) {
            refuse(context, UNREADABLE, unreadable);
            return;
        }
        String path = context.request().path();
        if (path != null && path.indexOf(';') >= 0) {
            refuse(context, PATH_PARAMETERS, pathParameters);
            return;
        }
        context.next();
    }

    private static void refuse(RoutingContext context, String detail, String problem) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        String path = context.request().path();
        context.response().setStatusCode(400);
        if (isReaderPath(path)) {
            ReaderHeaders.add(context.response().headers(), path);
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, ReaderResource.HTML)
                    .end(ReaderResource.Templates.error(new ErrorPage(400, "Bad request", detail)).render());
        } else {
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem);
        }
    }

    /** The test Quarkus' own check makes, when it is on. */
    private static boolean isUri(String target) {
        if (target == null) {
            return false;
        }
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The reader's pages, as a browser sends their paths: {@code /} and {@code /read/…}, with or without {@code ;…}. */
    static boolean isReaderPath(String rawPath) {
        return rawPath == null || rawPath.isEmpty() || rawPath.equals("/") || rawPath.startsWith("/;")
                || rawPath.startsWith("/read/") || rawPath.startsWith("/read;");
    }
}
