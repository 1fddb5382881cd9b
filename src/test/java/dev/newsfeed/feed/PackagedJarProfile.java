package dev.newsfeed.feed;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The profile of every {@code @QuarkusIntegrationTest}, so that the packaged jar starts once for them all. The jar
 * runs with the prod profile: the Link header test posts an article with the test token, and the health tests ask
 * the management port, which the jar and the tests must agree on (prod listens on 9000, the tests' own setting is a
 * random port).
 */
public class PackagedJarProfile implements QuarkusTestProfile {

    static final String MANAGEMENT_PORT = "19876";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("newsfeed.api-token", "test-token", "quarkus.management.port", MANAGEMENT_PORT);
    }
}
