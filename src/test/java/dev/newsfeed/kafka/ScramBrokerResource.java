package dev.newsfeed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Security;
import java.util.Map;

import org.apache.kafka.common.security.scram.internals.ScramSaslClientProvider;
import org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of its own for the tests of a secured cluster: the embedded KRaft broker with a {@code SASL_PLAINTEXT}
 * listener that accepts only SCRAM-SHA-512 logins, and one user, {@code alice}, created when its folder is
 * formatted. The service is configured the way an operator would configure it, through {@code kafka.*} settings,
 * with {@link #clientPassword()} (a wrong one in {@link WrongPassword}). It also gets a view folder and a log file
 * of its own, and no ingest folder.
 */
public class ScramBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** Test-only credentials, known to the broker from its first start. */
    public static final EmbeddedKafkaBroker.ScramUser ALICE =
            new EmbeddedKafkaBroker.ScramUser("alice", "alice-secret");

    private static final String SERVER_PROVIDER = "SASL/SCRAM Server Provider";
    private static final String CLIENT_PROVIDER = "SASL/SCRAM Client Provider";

    private EmbeddedKafkaBroker broker;
    private Path work;

    /** The password the service logs in with. */
    String clientPassword() {
        return ALICE.password();
    }

    /**
     * The same broker, and a service that logs in with a wrong password. A class of its own rather than an
     * argument: Quarkus tells test resources apart by class when it decides whether to start them afresh.
     */
    public static class WrongPassword extends ScramBrokerResource {
        @Override
        String clientPassword() {
            return "not-" + ALICE.password();
        }
    }

    @Override
    public Map<String, String> start() {
        registerScramProvidersOfThisRun();
        try {
            work = Files.createTempDirectory("newsfeed-test-scram");
            broker = EmbeddedKafkaBroker.withScramUser(EmbeddedKafkaBroker.freePort(), work.resolve("kafka"), ALICE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SCRAM test broker", e);
        }
        String jaasConfig = new EmbeddedKafkaBroker.ScramUser(ALICE.name(), clientPassword()).jaasConfig();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", jaasConfig,
                "newsfeed.view.data-dir", work.resolve("view").toString(),
                "newsfeed.ingest.folder-enabled", "false",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", logFile(work).toString());
    }

    /**
     * Kafka's SCRAM SASL client and server are found through JVM-wide security providers, registered by the first
     * class loader that loads {@code ScramLoginModule}. Every Quarkus restart of the suite loads Kafka afresh, and
     * an earlier run's providers would hand this run's broker and clients SCRAM classes they cannot talk to (every
     * login then fails as "invalid credentials"): this run's own take their place. A single service has one class
     * loader and never meets this.
     */
    private static void registerScramProvidersOfThisRun() {
        Security.removeProvider(SERVER_PROVIDER);
        Security.removeProvider(CLIENT_PROVIDER);
        ScramSaslServerProvider.initialize();
        ScramSaslClientProvider.initialize();
    }

    /** The service's log while it runs on this broker. */
    static Path logFile(Path work) {
        return work.resolve("newsfeed.log");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(logFile(work),
                new TestInjector.AnnotatedAndMatchesType(ServiceLog.class, Path.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        if (work != null) {
            KafkaBrokerResource.delete(work);
        }
    }

    /** Marks the field of a test that receives the path of the service's log file. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    public @interface ServiceLog {
    }
}
