package dev.newsfeed.ingest;

import static dev.newsfeed.Writes.authorized;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Issue 22, finding 8: the token-protected list of sources is never kept by a cache. */
@QuarkusTest
class IngestStatusCacheTest {

    @Test
    void ingestStatusSaysNoStore() {
        authorized().get("/ingest/status").then().statusCode(200).header("Cache-Control", "no-store");
    }
}
