package dev.newsfeed.ingest;

import java.util.Map;

import dev.newsfeed.kafka.OwnBrokerProfile;

/**
 * A broker of its own that a test may pause ({@link PausableBrokerResource}), and a visible timeout of one second
 * instead of the suite's five: the tests of this profile hold the view back on purpose, and each such write waits the
 * whole timeout before its 202 or 503. Shared by {@link PausedBrokerTest} and {@link ViewBehindWritesTest}, so that
 * Quarkus starts once for both.
 */
public class PausableBrokerProfile extends OwnBrokerProfile {

    static final String VISIBLE_TIMEOUT = "1s";

    public PausableBrokerProfile() {
        super(PausableBrokerResource.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.outgoing.articles-out.interceptor.classes", PausingInterceptor.class.getName(),
                "newsfeed.ingest.visible-timeout", VISIBLE_TIMEOUT);
    }
}
