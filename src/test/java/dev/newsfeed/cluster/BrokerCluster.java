package dev.newsfeed.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import dev.newsfeed.kafka.EmbeddedKafkaBroker;

/**
 * A Kafka cluster of three nodes, each a process of its own ({@code kafka.Kafka server.properties}, broker and
 * controller combined, a static quorum of the three), from the Kafka jars the service ships: the closest thing
 * here to a real cluster, where a node can die of a SIGKILL and come back on its ports with its data.
 */
final class BrokerCluster implements AutoCloseable {

    static final int SIZE = 3;
    private static final String CONTROLLER = "CONTROLLER";

    private final List<Node> nodes = new ArrayList<>();

    private final Process[] processes = new Process[SIZE];

    private record Node(int id, int port, int controllerPort, Path dataDir, Path properties, Path log) {
    }

    BrokerCluster(Path work) throws IOException {
        for (int id = 1; id <= SIZE; id++) {
            Path dataDir = Files.createDirectories(work.resolve("broker-" + id));
            nodes.add(new Node(id, EmbeddedKafkaBroker.freePort(), EmbeddedKafkaBroker.freePort(), dataDir,
                    work.resolve("broker-" + id + ".properties"), work.resolve("broker-" + id + ".log")));
        }
    }

    /** Formats every node's data folder with one cluster id and starts the three processes. */
    BrokerCluster start() throws IOException {
        String clusterId = Uuid.randomUuid().toString();
        String voters = nodes.stream().map(node -> node.id() + "@localhost:" + node.controllerPort())
                .collect(Collectors.joining(","));
        for (Node node : nodes) {
            Properties properties = properties(node, voters);
            try (Writer out = Files.newBufferedWriter(node.properties())) {
                properties.store(out, "node " + node.id() + " of the scale-out test's cluster");
            }
            format(node, clusterId);
        }
        for (int index = 0; index < SIZE; index++) {
            startNode(index);
        }
        return this;
    }

    String bootstrapServers() {
        return nodes.stream().map(node -> "localhost:" + node.port()).collect(Collectors.joining(","));
    }

    /** The node whose Kafka node id is {@code id}, as an index into this cluster. */
    int indexOf(int id) {
        return IntStream.range(0, SIZE).filter(index -> nodes.get(index).id() == id).findFirst().orElseThrow();
    }

    int nodeId(int index) {
        return nodes.get(index).id();
    }

    /** A broker dying: SIGKILL, no controlled shutdown, its partitions led elsewhere once it is fenced. */
    void kill(int index) throws InterruptedException {
        Process process = processes[index];
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("broker " + nodes.get(index).id() + " did not die of SIGKILL within 10 s");
        }
    }

    /** Starts a node again on its ports and with its data, as a restarted machine would. */
    void restart(int index) throws IOException {
        startNode(index);
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            if (process != null) {
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void startNode(int index) throws IOException {
        Node node = nodes.get(index);
        String java = ProcessHandle.current().info().command().orElse("java");
        // Small heaps and the serial collector: five JVMs share two cores in this test.
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "kafka.Kafka", node.properties().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
                .start();
        processes[index] = process;
        // Should the test JVM itself be stopped (a failsafe timeout), the broker must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    }

    private static Properties properties(Node node, String voters) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.id()));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://localhost:" + node.port() + "," + CONTROLLER + "://localhost:"
                + node.controllerPort());
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + node.port());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", node.dataDir().toString());
        props.put("auto.create.topics.enable", "false");
        // Internal topics replicated like production's; newsfeed must set its own topics' min ISR itself.
        props.put("offsets.topic.replication.factor", "3");
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", "3");
        props.put("transaction.state.log.min.isr", "2");
        // A dead broker is fenced, and its partitions get new leaders, after 4 s rather than 9 s.
        props.put("broker.heartbeat.interval.ms", "1000");
        props.put("broker.session.timeout.ms", "4000");
        // A new consumer group (the folder's lease, push delivery) gets its members at once, not after 3 s: the
        // service's embedded broker does the same, and only the start of the test waited on it.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return props;
    }

    private static void format(Node node, String clusterId) throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(clusterId)
                    .setNodeId(node.id())
                    .setDirectories(List.of(node.dataDir().toString()))
                    .setMetadataLogDirectory(node.dataDir().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new UncheckedIOException(new IOException("cannot format " + node.dataDir() + ": " + e, e));
        }
    }
}
