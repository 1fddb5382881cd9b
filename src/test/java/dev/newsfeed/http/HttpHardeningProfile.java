package dev.newsfeed.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Small limits, so that tests reach them with a few requests: a 16 KiB page budget, a 5 s idle timeout,
 * 24 connections, 4 streams (2 per client address), and one origin allowed to write; and the service's default for
 * push callbacks, private addresses refused, which the rest of the suite allows for its receivers on 127.0.0.1. Its
 * ingest folder does not exist, so nothing is read from the suite's folder and the ingest health group says why.
 * Shared by the HTTP hardening tests, {@code PushDefaultsTest} and {@code FolderHealthTest} (one Quarkus start: a
 * profile of their own cost the suite a build and a start of about 9 s each).
 */
public class HttpHardeningProfile implements QuarkusTestProfile {

    static final long PAGE_BUDGET = 16_384;
    static final int MAX_CONNECTIONS = 24;
    static final String WRITE_ORIGIN = "https://cms.example";
    static final int STREAM_MAX = 4;
    static final int STREAM_MAX_PER_CLIENT = 2;
    /** Under target/, and never created. */
    private static final String MISSING_FOLDER = "target/no-such-ingest-folder";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("newsfeed.http.page-budget", String.valueOf(PAGE_BUDGET),
                "quarkus.http.idle-timeout", "5s",
                "quarkus.http.limits.max-connections", String.valueOf(MAX_CONNECTIONS),
                "newsfeed.http.cors-write-origins", WRITE_ORIGIN,
                "newsfeed.feed.stream-max", String.valueOf(STREAM_MAX),
                "newsfeed.feed.stream-max-per-client", String.valueOf(STREAM_MAX_PER_CLIENT),
                "newsfeed.ingest.folder", MISSING_FOLDER,
                "newsfeed.push.allow-private-callbacks", "false");
    }
}
