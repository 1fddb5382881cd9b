package dev.newsfeed.kafka;

import java.util.List;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A profile whose service runs on a broker of its own, started by the test resource it names. The suite's broker
 * ({@link KafkaBrokerResource}) is not this service's, so it is not started for it (a few seconds of each start).
 */
public abstract class OwnBrokerProfile implements QuarkusTestProfile {

    private final Class<? extends QuarkusTestResourceLifecycleManager> broker;

    protected OwnBrokerProfile(Class<? extends QuarkusTestResourceLifecycleManager> broker) {
        this.broker = broker;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(broker));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
