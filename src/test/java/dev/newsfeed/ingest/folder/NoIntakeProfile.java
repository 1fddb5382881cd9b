package dev.newsfeed.ingest.folder;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An instance that takes nothing in: no API token (every write is refused) and an ingest folder that does not exist.
 * Shared by the tests of both, {@link FolderHealthTest} and {@code WritesDisabledTest}, so that Quarkus starts once
 * for them; neither writes, and both expect the feed to stay readable.
 */
public class NoIntakeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("newsfeed.api-token", "", "newsfeed.ingest.folder", "target/no-such-ingest-folder");
    }
}
