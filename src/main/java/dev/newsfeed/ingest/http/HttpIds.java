package dev.newsfeed.ingest.http;

import java.nio.charset.StandardCharsets;

import dev.newsfeed.article.Sha256;

/**
 * Ids of articles submitted over HTTP: {@code post:} and 20 hex digits of a hash, either of the client's
 * reference (its {@code source} field or {@code Idempotency-Key} header) or, without one, of the text. The
 * colon keeps them apart from file ids, which escape it.
 */
public final class HttpIds {

    private HttpIds() {
    }

    public static String forReference(String reference) {
        return "post:" + Sha256.hex(("ref:" + reference).getBytes(StandardCharsets.UTF_8)).substring(0, 20);
    }

    public static String forContent(String contentHash) {
        return "post:" + contentHash.substring(0, 20);
    }
}
