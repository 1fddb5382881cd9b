package dev.newsfeed.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) running inside this JVM, for a
 * machine that has no Kafka: the service's embedded default, and the test suite's broker where Docker is
 * missing. It listens on localhost only. Its data folder survives restarts; it is formatted only when new.
 *
 * <p>It can also require SCRAM-SHA-512 logins on its client listener ({@link #withScramUser}), as a secured
 * cluster does: the user's credentials are written into the cluster's metadata when the folder is formatted, the
 * way {@code kafka-storage.sh format --add-scram} does, since KRaft has no other place for them before it runs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    /** A SCRAM user the client listener accepts; the broker itself logs in as it too. */
    public record ScramUser(String name, String password) {

        /** The {@code sasl.jaas.config} a client (or the broker itself) logs in with as this user. */
        public String jaasConfig() {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                    + "\" password=\"" + password + "\";";
        }
    }

    private final int port;
    private final Path dataDir;
    private final ScramUser scramUser;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(int port, Path dataDir) {
        this(port, dataDir, null);
    }

    private EmbeddedKafkaBroker(int port, Path dataDir, ScramUser scramUser) {
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
        this.scramUser = scramUser;
    }

    /**
     * A broker whose client listener is {@code SASL_PLAINTEXT} with {@code SCRAM-SHA-512} only; the controller
     * listener stays plain, on localhost. The user exists from the first start (a folder formatted before keeps
     * the users it was formatted with).
     */
    public static EmbeddedKafkaBroker withScramUser(int port, Path dataDir, ScramUser user) {
        return new EmbeddedKafkaBroker(port, dataDir, user);
    }

    public synchronized EmbeddedKafkaBroker start() throws IOException {
        if (server != null) {
            return this;
        }
        Files.createDirectories(dataDir);
        int controllerPort = freePort();
        KafkaConfig config = KafkaConfig.fromProps(properties(controllerPort), false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format();
        }
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        started.startup();
        server = started;
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** A TCP port nobody listens on now, for tests and for the controller listener. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private Properties properties(int controllerPort) {
        String client = scramUser == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners",
                client + "://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        props.put("advertised.listeners", client + "://localhost:" + port);
        props.put("listener.security.protocol.map",
                client + ":" + client + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", client);
        if (scramUser != null) {
            props.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            props.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
            // The broker's own login on its listener, for the requests it sends itself as a broker.
            props.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scramUser.jaasConfig());
        }
        props.put("log.dirs", dataDir.toString());
        // Topics are created deliberately, with the configuration they need (see ArticleTopic).
        props.put("auto.create.topics.enable", "false");
        // One node: every internal topic has one replica, or consumer groups and transactions hang.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner's default 128 MiB offset map would take most of a small service heap; 16 MiB
        // still deduplicates about 600,000 keys per pass.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    private void format() throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(dataDir.toString()))
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setScramArguments(scramUser == null ? List.of() : List.of(SCRAM_MECHANISM
                            + "=[name=" + scramUser.name() + ",password=" + scramUser.password() + "]"))
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format the embedded Kafka data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
