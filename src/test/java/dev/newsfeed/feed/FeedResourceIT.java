package dev.newsfeed.feed;

import java.util.Map;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(FeedResourceIT.WithToken.class)
class FeedResourceIT extends FeedResourceTest {

    /** The packaged jar runs with the prod profile: the Link header test posts an article with the test token. */
    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.api-token", "test-token");
        }
    }
}
