package dev.newsfeed.feed;

import java.net.URL;
import java.util.Map;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(FeedResourceIT.WithToken.class)
class FeedResourceIT extends FeedResourceTest {

    /** The jar listens on the port its profile gives it; the injected management URL does not follow the jar. */
    @Override
    String management(URL injected, String path) {
        return "http://localhost:" + WithToken.MANAGEMENT_PORT + path;
    }

    /**
     * The packaged jar runs with the prod profile: the Link header test posts an article with the test token, and
     * the health tests ask the management port, which the jar and the tests must agree on (prod listens on 9000,
     * the tests' own setting is a random port).
     */
    public static class WithToken implements QuarkusTestProfile {

        static final String MANAGEMENT_PORT = "19876";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.api-token", "test-token", "quarkus.management.port", MANAGEMENT_PORT);
        }
    }
}
