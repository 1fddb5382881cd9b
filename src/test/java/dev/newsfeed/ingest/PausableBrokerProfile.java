package dev.newsfeed.ingest;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A broker of its own that a test may pause ({@link PausableBrokerResource}), and a visible timeout of one second
 * instead of the suite's five: the tests of this profile hold the view back on purpose, and each such write waits the
 * whole timeout before its 202 or 503. Shared by {@link PausedBrokerTest} and {@link ViewBehindWritesTest}, so that
 * Quarkus starts once for both.
 */
public class PausableBrokerProfile implements QuarkusTestProfile {

    static final String VISIBLE_TIMEOUT = "1s";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PausableBrokerResource.class));
    }

    /** The suite's broker is not this service's: not started for it (a few seconds of each start). */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.outgoing.articles-out.interceptor.classes", PausingInterceptor.class.getName(),
                "newsfeed.ingest.visible-timeout", VISIBLE_TIMEOUT);
    }
}
