package dev.newsfeed.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.view.ChangeSequence;


/**
 * The packaged service on a machine with no Kafka: {@code java -jar target/quarkus-app/quarkus-run.jar} with
 * no {@code kafka.bootstrap.servers} starts its own broker, serves the seed article and publishes it to the
 * topic; started again on the same data folder, it finds the article there and publishes nothing.
 */
class EmbeddedDefaultIT {

    private static final Logger LOG = Logger.getLogger(EmbeddedDefaultIT.class);
    private static final String SEED_ID = "000_22b61c6839899886";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void packagedServiceRunsItsOwnBrokerAndRestartsFromItsViewWithoutRepublishing() throws Exception {
        int httpPort = EmbeddedKafkaBroker.freePort();
        int managementPort = EmbeddedKafkaBroker.freePort();
        int kafkaPort = EmbeddedKafkaBroker.freePort();
        Path dataDir = work.resolve("kafka-data");
        String bootstrap = "localhost:" + kafkaPort;

        String changesToken;
        try (Service first = Service.start(JAR, work.resolve("first.log"), httpPort, managementPort, kafkaPort,
                dataDir)) {
            awaitFeedWithSeed(httpPort, managementPort, first);
            changesToken = JSON.readTree(body(httpPort, "/feed")).path("changes").asText();
            List<ConsumerRecord<String, String>> records = TopicContents.read(bootstrap, "newsfeed.articles");
            assertThat(records).extracting(ConsumerRecord::key).containsExactly(SEED_ID);
            assertThat(Files.readString(first.log)).contains("EMBEDDED single-node Kafka broker on " + bootstrap);
        }

        try (Service second = Service.start(JAR, work.resolve("second.log"), httpPort, managementPort, kafkaPort,
                dataDir)) {
            awaitFeedWithSeed(httpPort, managementPort, second);
            assertThat(TopicContents.endOffset(bootstrap, "newsfeed.articles")).as("nothing republished").isEqualTo(1);
            assertThat(Files.readString(second.log)).doesNotContainPattern("\\(files [1-9]")
                    .as("the view opened its index and read nothing again")
                    .contains("from the view's checkpoint (2 partitions, 0 records at most to catch up)");
            JsonNode changes = JSON.readTree(body(httpPort, "/feed?since=" + changesToken));
            assertThat(changes.path("changes"))
                    .as("a token of the first run is good after the restart: nothing changed").isEmpty();
            assertThat(ChangeSequence.decode(changes.path("next").asText()).next())
                    .isEqualTo(ChangeSequence.decode(changesToken).next());
        }
        assertThat(Files.readString(work.resolve("second.log"))).contains("Embedded Kafka broker stopped");
    }

    /**
     * Issue 19 (finding 9): production says newsfeed.kafka.embedded=never (the image does); without a cluster the
     * service must fail at once and say what to set, not wait for a broker on localhost forever.
     */
    @Test
    void packagedServiceThatMayNotRunItsOwnBrokerFailsAtStartWhenNoClusterIsConfigured() throws Exception {
        Path log = work.resolve("never.log");
        try (Service service = Service.start(JAR, log, EmbeddedKafkaBroker.freePort(), EmbeddedKafkaBroker.freePort(),
                EmbeddedKafkaBroker.freePort(), work.resolve("kafka-data"), "-Dnewsfeed.kafka.embedded=never")) {
            assertThat(service.process.waitFor(90, TimeUnit.SECONDS)).as("ended by itself")
                    .isTrue();
            assertThat(service.process.exitValue()).isNotZero();
        }
        assertThat(Files.readString(log)).contains("No Kafka cluster is configured", "KAFKA_BOOTSTRAP_SERVERS")
                .doesNotContain("EMBEDDED single-node Kafka broker");
    }

    private void awaitFeedWithSeed(int httpPort, int managementPort, Service service) {
        // Readiness is served on the management interface's port.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(managementPort, "/q/health/ready") == 200);
        long ready = System.nanoTime();
        LOG.infof("Started to ready in %d ms (%s)", (ready - service.launchedAt) / 1_000_000, service.log);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> body(httpPort, "/feed").contains("\"id\":\"" + SEED_ID + "\""));
        LOG.infof("Seed served %d ms after ready", (System.nanoTime() - ready) / 1_000_000);
    }

    private int status(int port, String path) {
        try {
            return http.send(request(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String body(int port, String path) throws IOException, InterruptedException {
        return http.send(request(port, path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(5)).build();
    }

    /** The packaged service as a child process, stopped with SIGTERM like any service manager does. */
    private static final class Service implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final long launchedAt = System.nanoTime();

        private Service(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Service start(Path jar, Path log, int httpPort, int managementPort, int kafkaPort, Path dataDir,
                String... options) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            // The client JIT only: a start costs less CPU (the suite's test JVMs run so too).
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + httpPort,
                    "-Dquarkus.management.port=" + managementPort,
                    "-Dnewsfeed.kafka.embedded-port=" + kafkaPort,
                    "-Dnewsfeed.kafka.embedded-data-dir=" + dataDir,
                    "-Dnewsfeed.view.data-dir=" + dataDir.resolveSibling("view")));
            command.addAll(List.of(options));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
            return new Service(builder.start(), log);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the service did not stop within 30 s of SIGTERM; see " + log);
            }
        }
    }
}
