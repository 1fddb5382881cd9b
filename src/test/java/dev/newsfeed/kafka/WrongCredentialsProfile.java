package dev.newsfeed.kafka;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A SCRAM broker that refuses the service's login (a wrong password): the service runs, and Kafka never lets it read
 * or write. Shared by {@link SaslScramRefusedTest} and {@code FeedNotReadyTest}, so that Quarkus starts once for both.
 */
public class WrongCredentialsProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ScramBrokerResource.WrongPassword.class));
    }

    /** The suite's broker is not this service's: not started for it (a few seconds of each start). */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
