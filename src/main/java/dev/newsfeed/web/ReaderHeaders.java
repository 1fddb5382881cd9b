package dev.newsfeed.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The reader's security headers, on every HTML answer whatever path reached it, and on the reader's static files.
 * Decided by what is answered, when the headers go out, not by the path asked for: RESTEasy matches
 * {@code /;x} and {@code /read;x/{id}} by their path without {@code ;x} (issue 22, finding 1), and an error page
 * is HTML whichever handler wrote it. A route filter rather than a JAX-RS one, because the script and style sheet
 * are served by the static file handler, which JAX-RS filters never see. The JSON API keeps its own headers.
 */
@ApplicationScoped
class ReaderHeaders {

    /**
     * No inline script or style at all, so the policy needs no nonce; Trusted Types make every HTML sink
     * ({@code innerHTML} and the like) throw, so even a mistake in {@code app.js} cannot inject markup.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'";

    /**
     * The Swagger UI, served in dev mode only (quarkus.swagger-ui.always-include=false), runs inline script: it
     * gets the frame protection without the script policy that would leave it blank.
     */
    static final String SWAGGER_UI_POLICY = "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final String SWAGGER_UI = "/q/swagger-ui";

    /** Before the other filters, so that an answer any of them writes has the headers too. */
    private static final int FIRST = 1_000;

    void install(@Observes Filters filters) {
        filters.register(ReaderHeaders::onHeadersEnd, FIRST);
    }

    private static void onHeadersEnd(RoutingContext context) {
        HttpServerResponse response = context.response();
        String path = context.request().path();
        context.addHeadersEndHandler(ignored -> {
            if (isHtml(response.headers()) || path != null && path.startsWith("/reader/")) {
                add(response.headers(), path);
            }
        });
        context.next();
    }

    private static boolean isHtml(MultiMap headers) {
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "text/html", 0, "text/html".length());
    }

    /** The headers of a reader page, for an answer written where no filter ran. */
    static void add(MultiMap headers, String path) {
        boolean swaggerUi = path != null && path.startsWith(SWAGGER_UI);
        headers.set("Content-Security-Policy", swaggerUi ? SWAGGER_UI_POLICY : CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                // For browsers that do not honour frame-ancestors.
                .set("X-Frame-Options", "DENY");
    }
}
