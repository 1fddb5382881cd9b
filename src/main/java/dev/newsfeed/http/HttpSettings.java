package dev.newsfeed.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one request may cost, and which browser origins may write; see the README, Limits. */
@ConfigMapping(prefix = "newsfeed.http")
public interface HttpSettings {

    /**
     * About how many bytes of articles one feed page may carry, whatever its {@code limit}: a page stops at
     * the article that would pass it (it always holds one) and says so in {@code Feed-Page-Truncated}; its
     * {@code next} goes on from there. Counted in characters of article text plus a fixed share per article.
     */
    @WithDefault("1048576")
    long pageBudget();

    /**
     * The longest request target (path and query) answered; longer gets 414 with a problem body. Vert.x's own
     * ceiling, {@code quarkus.http.limits.max-initial-line-length}, is set above it and answers without one.
     */
    @WithDefault("4096")
    int maxUriLength();

    /**
     * The most bytes of request headers answered (names, values, and 4 bytes per header); more gets 431 with a
     * problem body. Vert.x's own ceiling, {@code quarkus.http.limits.max-header-size}, is set above it.
     */
    @WithDefault("20480")
    int maxHeaderBytes();

    /**
     * Browser origins (scheme://host[:port]) allowed to send writes (POST, PUT, DELETE, or any request with
     * {@code Authorization}) across origins. Empty: no cross-origin writes; reads stay open to every origin.
     */
    Optional<List<String>> corsWriteOrigins();
}
