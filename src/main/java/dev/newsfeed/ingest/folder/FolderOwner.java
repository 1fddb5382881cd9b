package dev.newsfeed.ingest.folder;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.newsfeed.ingest.IngestSettings;
import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Whether this instance owns the ingest folder, and who this instance is. With the lease on (the default),
 * it owns the folder while it holds the folder-owner lease ({@link FolderOwnership}); with it off, from the
 * moment it follows the folder. Shown at {@code /ingest/status} and as the gauge
 * {@code newsfeed_ingest_folder_owner} (1 or 0).
 */
@ApplicationScoped
public class FolderOwner {

    private static final Logger LOG = Logger.getLogger(FolderOwner.class);

    private final IngestSettings settings;
    private final KafkaClients clients;
    private final ArticleTopic topic;
    private final String instanceId;
    private volatile FolderOwnership ownership;
    private volatile boolean ownsWithoutLease;
    private boolean stopped;

    FolderOwner(IngestSettings settings, KafkaClients clients, ArticleTopic topic,
            @ConfigProperty(name = "newsfeed.instance-id") Optional<String> instanceId, MeterRegistry registry) {
        this.settings = settings;
        this.clients = clients;
        this.topic = topic;
        this.instanceId = instanceId.filter(id -> !id.isBlank()).orElseGet(FolderOwner::hostAndPid);
        Gauge.builder("newsfeed.ingest.folder.owner", this, owner -> owner.owns() ? 1 : 0)
                .description("1 while this instance reads the ingest folder, 0 while another does or none")
                .register(registry);
    }

    /** This instance's name among the instances sharing the folder: {@code newsfeed.instance-id}. */
    public String instanceId() {
        return instanceId;
    }

    /** The consumer group of the lease; empty when the lease is off and this instance reads the folder alone. */
    public Optional<String> leaseGroup() {
        return settings.ownerLease() ? Optional.of(settings.ownerGroup()) : Optional.empty();
    }

    public boolean owns() {
        FolderOwnership current = ownership;
        return current != null ? current.owns() : ownsWithoutLease;
    }

    /**
     * Hands the folder to {@code owner} while this instance owns it: at once when the lease is off, otherwise
     * whenever the group assigns this instance the lease, and takes it back when the group moves it elsewhere.
     */
    synchronized void follow(OwnerLease.Owner owner) {
        if (stopped) {
            // The view caught up while the service was shutting down: nothing to read the folder for.
            return;
        }
        if (!settings.ownerLease()) {
            ownsWithoutLease = true;
            owner.acquired();
            return;
        }
        Map<String, Object> config = clients.consumerConfig(FolderOwnership.leaseSettings(settings.ownerGroup(),
                instanceId, settings.ownerSessionTimeout(), settings.ownerHeartbeatInterval()));
        OwnerLease lease = new OwnerLease(settings.ownerTopic(), owner);
        ownership = new FolderOwnership(config, settings.ownerTopic(),
                () -> topic.ensureCoordinationTopic(settings.ownerTopic()), lease);
        ownership.start();
        LOG.infof("Instance %s asks for the ingest folder (lease: consumer group %s on topic %s)", instanceId,
                settings.ownerGroup(), settings.ownerTopic());
    }

    /** Gives the folder up: the owner's {@code released} runs before the group hears that this instance left. */
    synchronized void stop(OwnerLease.Owner owner) {
        stopped = true;
        FolderOwnership current = ownership;
        if (current != null) {
            current.close();
        } else if (ownsWithoutLease) {
            ownsWithoutLease = false;
            owner.released();
        }
    }

    private static String hostAndPid() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
