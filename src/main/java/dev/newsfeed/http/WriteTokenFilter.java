package dev.newsfeed.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.newsfeed.article.Sha256;
import dev.newsfeed.problem.Problem;
import io.quarkus.runtime.StartupEvent;

/**
 * Lets through to {@link WriteAccess} endpoints only requests that carry {@code Authorization: Bearer <token>}
 * with the configured {@code newsfeed.api-token}. Without a configured token, writes are off altogether:
 * secure by default. Tokens are compared by their hashes with {@link MessageDigest#isEqual}, in constant
 * time, so the comparison reveals nothing of the token.
 */
@Provider
@WriteAccess
@Priority(Priorities.AUTHENTICATION)
public class WriteTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(WriteTokenFilter.class);
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> expected;

    WriteTokenFilter(@ConfigProperty(name = "newsfeed.api-token") Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(WriteTokenFilter::hash);
    }

    void announce(@Observes StartupEvent event) {
        if (expected.isEmpty()) {
            LOG.warn("Writes over HTTP (POST, PUT and GET /ingest/status) are disabled: no API token is set."
                    + " Set NEWSFEED_API_TOKEN (newsfeed.api-token) to a long random secret to enable them.");
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (expected.isEmpty()) {
            request.abortWith(Problem.of(403, "Writes disabled",
                    "this instance has no API token configured (newsfeed.api-token), so it accepts no writes")
                    .toResponse().build());
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(Problem.of(401, "Unauthorized", "send the API token as 'Authorization: Bearer <token>'")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsfeed\"").build());
            return;
        }
        byte[] given = hash(authorization.substring(BEARER.length()).strip());
        if (!MessageDigest.isEqual(given, expected.get())) {
            request.abortWith(Problem.of(401, "Unauthorized", "the API token is not valid")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer realm=\"newsfeed\", error=\"invalid_token\"").build());
        }
    }

    private static byte[] hash(String token) {
        return Sha256.digest().digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
