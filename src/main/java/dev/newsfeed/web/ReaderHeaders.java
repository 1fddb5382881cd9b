package dev.newsfeed.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The reader's security headers, on every response under its paths: its pages, their error pages and its
 * static files alike. A route filter rather than a JAX-RS one, because the script and style sheet are served
 * by the static file handler, which JAX-RS filters never see. The JSON API keeps its own headers.
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

    /** Before the static and REST handlers, so both answers carry the headers. */
    private static final int BEFORE_HANDLERS = -100;

    void install(@Observes Router router) {
        router.route("/").order(BEFORE_HANDLERS).handler(ReaderHeaders::add);
        router.route("/read/*").order(BEFORE_HANDLERS).handler(ReaderHeaders::add);
        router.route("/reader/*").order(BEFORE_HANDLERS).handler(ReaderHeaders::add);
    }

    private static void add(RoutingContext context) {
        context.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        context.next();
    }
}
