package dev.newsfeed.kafka;

/**
 * A SCRAM broker that refuses the service's login (a wrong password): the service runs, and Kafka never lets it read
 * or write. Shared by {@link SaslScramRefusedTest} and {@code FeedNotReadyTest}, so that Quarkus starts once for both.
 */
public class WrongCredentialsProfile extends OwnBrokerProfile {

    public WrongCredentialsProfile() {
        super(ScramBrokerResource.WrongPassword.class);
    }
}
