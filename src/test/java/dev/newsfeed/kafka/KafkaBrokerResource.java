package dev.newsfeed.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The one real Kafka broker of the test suite, shared by every Quarkus test so that Quarkus starts once.
 * Where Docker runs, it is an {@code apache/kafka} container (Testcontainers); elsewhere, the embedded KRaft
 * broker the service itself ships, on a free port with a throw-away data folder. Choose with
 * {@code -Dnewsfeed.test.kafka=container|embedded} (default {@code auto}). It also gives the suite a
 * writable copy of {@code seeds/} as the ingest folder.
 */
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

    private static volatile KafkaBrokerResource current;

    private KafkaContainer container;
    private EmbeddedKafkaBroker embedded;

    /**
     * Takes the suite's broker away, as an outage would, until {@link #restoreBroker()}: the embedded broker
     * shuts down (its port refuses connections), a container is paused.
     */
    public static void interruptBroker() {
        KafkaBrokerResource resource = current;
        if (resource.embedded != null) {
            resource.embedded.close();
        } else {
            DockerClientFactory.instance().client().pauseContainerCmd(resource.container.getContainerId()).exec();
        }
    }

    /** Brings the broker back on the same port with the same data. */
    public static void restoreBroker() {
        KafkaBrokerResource resource = current;
        if (resource.embedded != null) {
            try {
                resource.embedded.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restart the embedded test broker", e);
            }
        } else {
            DockerClientFactory.instance().client().unpauseContainerCmd(resource.container.getContainerId()).exec();
        }
    }

    private Path ingestFolder;
    private Path viewFolder;

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the tests", e);
        }
    }

    @Override
    public Map<String, String> start() {
        String bootstrapServers = useContainer() ? startContainer() : startEmbedded();
        LOG.infof("Test Kafka broker at %s", bootstrapServers);
        ingestFolder = copyOfSeeds();
        viewFolder = temporaryFolder("newsfeed-test-view");
        current = this;
        return Map.of("kafka.bootstrap.servers", bootstrapServers,
                "newsfeed.ingest.folder", ingestFolder.toString(),
                "newsfeed.view.data-dir", viewFolder.toString());
    }

    /** A writable ingest folder for the tests that drop files, holding what seeds/ holds. */
    private static Path copyOfSeeds() {
        try {
            Path folder = Files.createTempDirectory("newsfeed-test-ingest");
            try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
                for (Path seed : (Iterable<Path>) seeds::iterator) {
                    Files.copy(seed, folder.resolve(seed.getFileName()));
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test ingest folder", e);
        }
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
        if (embedded != null) {
            embedded.close();
            delete(embedded.dataDir());
        }
        if (ingestFolder != null) {
            delete(ingestFolder);
        }
        if (viewFolder != null) {
            delete(viewFolder);
        }
    }

    private static boolean useContainer() {
        String mode = System.getProperty("newsfeed.test.kafka", "auto");
        return switch (mode) {
            case "container" -> true;
            case "embedded" -> false;
            default -> dockerAvailable();
        };
    }

    private static boolean dockerAvailable() {
        // Asked only where a Docker endpoint may exist: elsewhere Testcontainers logs its search as errors.
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String startContainer() {
        container = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return container.getBootstrapServers();
    }

    private String startEmbedded() {
        try {
            embedded = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.freePort(),
                    Files.createTempDirectory("newsfeed-test-kafka")).start();
            return embedded.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test broker", e);
        }
    }

    public static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", folder, e.getMessage());
        }
    }
}
