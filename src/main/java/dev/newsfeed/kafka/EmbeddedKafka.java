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
    private EmbeddedKafkaBroker broker;

    EmbeddedKafka(KafkaSettings settings, Config config) {
        this.settings = settings;
        String source = config.unwrap(SmallRyeConfig.class)
                .getConfigValue(EmbeddedKafkaConfigSourceFactory.BOOTSTRAP_SERVERS).getSourceName();
        this.chosen = EmbeddedKafkaConfigSourceFactory.SOURCE_NAME.equals(source);
    }

    /** Whether this instance runs its own broker rather than using a configured cluster. */
    public boolean isRunning() {
        return broker != null;
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
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
