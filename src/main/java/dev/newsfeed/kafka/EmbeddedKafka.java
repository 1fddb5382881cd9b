package dev.newsfeed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Runs the embedded broker for as long as the application runs, when {@link EmbeddedKafkaConfigSourceFactory}
 * chose it. It starts before the messaging channels connect and stops after everything else has stopped,
 * so that producers and the feed reader can close cleanly; dev-mode reloads stop and restart it on the same
 * data folder.
 */
@ApplicationScoped
public class EmbeddedKafka {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

    private final KafkaSettings settings;
    private final boolean chosen;
    private final boolean clusterConfigured;
    private EmbeddedKafkaBroker broker;

    EmbeddedKafka(KafkaSettings settings, Config config) {
        this.settings = settings;
        ConfigValue servers = config.unwrap(SmallRyeConfig.class)
                .getConfigValue(EmbeddedKafkaConfigSourceFactory.BOOTSTRAP_SERVERS);
        this.chosen = EmbeddedKafkaConfigSourceFactory.SOURCE_NAME.equals(servers.getSourceName());
        this.clusterConfigured = configuredByUser(servers);
    }

    /**
     * Whether someone named the cluster: a value from a source of their own, not one Quarkus recorded at build time
     * or a default of an extension.
     */
    static boolean configuredByUser(ConfigValue servers) {
        String source = servers.getSourceName();
        return servers.getValue() != null && !servers.getValue().isBlank() && source != null
                && !EmbeddedKafkaConfigSourceFactory.SOURCE_NAME.equals(source)
                && !EmbeddedKafkaConfigSourceFactory.RECORDED_AT_BUILD.equals(source)
                && !source.contains("DefaultValues");
    }

    /** Whether this instance runs its own broker rather than using a configured cluster. */
    public boolean isRunning() {
        return broker != null;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!chosen && !clusterConfigured && settings.embedded() == KafkaSettings.EmbeddedMode.never) {
            // Production (the image sets never): a missing cluster is a configuration error, said at once, not a
            // service that waits for a broker on localhost forever.
            throw new IllegalStateException("No Kafka cluster is configured, and newsfeed.kafka.embedded=never forbids"
                    + " the embedded broker: set KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap.servers) to the cluster's"
                    + " brokers, e.g. KAFKA_BOOTSTRAP_SERVERS=kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
        if (!chosen) {
            return;
        }
        Path dataDir = Path.of(settings.embeddedDataDir());
        try {
            broker = new EmbeddedKafkaBroker(settings.embeddedPort(), dataDir).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker on port "
                    + settings.embeddedPort() + " with data in " + dataDir.toAbsolutePath(), e);
        }
        LOG.warnf("""

                ************************************************************************
                * newsfeed runs an EMBEDDED single-node Kafka broker on %s
                * (data in %s), because no kafka.bootstrap.servers is configured.
                * It is for trying newsfeed out, not for production: set
                * KAFKA_BOOTSTRAP_SERVERS to use a real cluster, or
                * newsfeed.kafka.embedded=never to forbid the embedded broker.
                ************************************************************************""",
                broker.bootstrapServers(), broker.dataDir());
    }

    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) ShutdownEvent event) {
        if (broker != null) {
            broker.close();
            broker = null;
            LOG.info("Embedded Kafka broker stopped");
        }
    }
}
