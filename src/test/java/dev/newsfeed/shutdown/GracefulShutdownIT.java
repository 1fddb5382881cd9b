package dev.newsfeed.shutdown;

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
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.kafka.EmbeddedKafkaBroker;
import dev.newsfeed.kafka.TopicContents;

/**
 * The packaged service stopped with SIGTERM while clients are writing, on a broker that outlives it as a cluster
 * would: it exits 0; every write answered 201 is in the feed after a restart; every write it refused was answered
 * 503 with problem+json and Retry-After (or, once it had exited, not at all); it committed its view with all it had
 * acknowledged, so the restart catches up from the checkpoint with nothing to read, and publishes nothing again.
 */
class GracefulShutdownIT {

    /** Health is on the management port, of its own per run. */
    private int managementPort;


    private static final Logger LOG = Logger.getLogger(GracefulShutdownIT.class);
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String TOKEN = "shutdown-it-token";
    private static final int WRITERS = 6;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void sigtermWhileWritingExitsZeroKeepsEveryAcknowledgedArticleAndRepublishesNothing() throws Exception {
        Path ingest = Files.createDirectories(work.resolve("ingest"));
        Files.copy(Path.of("seeds/000_22b61c6839899886.txt"), ingest.resolve("000_22b61c6839899886.txt"));
        int httpPort = EmbeddedKafkaBroker.freePort();
        managementPort = EmbeddedKafkaBroker.freePort();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaBroker.freePort(),
                work.resolve("kafka")).start()) {
            String bootstrap = broker.bootstrapServers();
            Process first = start(bootstrap, httpPort, ingest, work.resolve("first.log"));
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try {
                awaitReadyWithSeed(httpPort);
                for (int i = 0; i < WRITERS; i++) {
                    writers.execute(() -> writeUntilRefused(httpPort, acknowledged, refused, unexpected));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 10);

                first.destroy();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
                assertThat(first.exitValue()).as("exit code after SIGTERM").isZero();
            } finally {
                writers.shutdown();
                if (!writers.awaitTermination(30, TimeUnit.SECONDS)) {
                    writers.shutdownNow();
                }
                first.destroyForcibly();
            }
            LOG.infof("%d writes acknowledged, %d refused with 503 while stopping", acknowledged.size(), refused.get());
            assertThat(unexpected).as("answers other than 201, or 503 problem+json with Retry-After").isEmpty();
            String firstLog = Files.readString(work.resolve("first.log"));
            assertThat(firstLog).contains("Shutting down: intake stopped", "Drained: every write in flight finished")
                    .doesNotContain("given up");
            long written = TopicContents.endOffset(bootstrap, "newsfeed.articles");

            Process second = start(bootstrap, httpPort, ingest, work.resolve("second.log"));
            try {
                awaitReadyWithSeed(httpPort);
                for (String id : acknowledged) {
                    assertThat(status(httpPort, "/articles/" + id)).as("acknowledged article %s", id).isEqualTo(200);
                }
                assertThat(TopicContents.endOffset(bootstrap, "newsfeed.articles")).as("nothing republished")
                        .isEqualTo(written);
                assertThat(Files.readString(work.resolve("second.log")))
                        .as("the view was committed with everything acknowledged before the exit")
                        .contains("from the view's checkpoint (2 partitions, 0 records at most to catch up)")
                        .doesNotContainPattern("\\(files [1-9]");
            } finally {
                second.destroy();
                if (!second.waitFor(30, TimeUnit.SECONDS)) {
                    second.destroyForcibly();
                }
            }
        }
    }

    /** Posts articles one after the other until the service refuses one or is gone. */
    private void writeUntilRefused(int port, Queue<String> acknowledged, AtomicInteger refused,
            Queue<String> unexpected) {
        for (int i = 0; i < 1_000; i++) {
            String title = "Written while stopping " + UUID.randomUUID();
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/articles"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"title\":\"" + title + "\",\"body\":[\"Sent around a SIGTERM.\"]}"))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(post, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (response.statusCode() == 201) {
                String body = response.body();
                int start = body.indexOf("\"id\":\"") + 6;
                acknowledged.add(body.substring(start, body.indexOf('"', start)));
            } else {
                String type = response.headers().firstValue("Content-Type").orElse("");
                boolean problem = response.statusCode() == 503 && type.startsWith("application/problem+json")
                        && response.headers().firstValue("Retry-After").isPresent();
                if (problem) {
                    refused.incrementAndGet();
                } else {
                    unexpected.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
                }
                return;
            }
        }
    }

    private Process start(String bootstrap, int httpPort, Path ingest, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The client JIT only: a start costs less CPU (the suite's test JVMs run so too).
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.port=" + managementPort,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dnewsfeed.kafka.embedded=never",
                "-Dnewsfeed.ingest.folder=" + ingest,
                "-Dnewsfeed.view.data-dir=" + work.resolve("view"),
                "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("NEWSFEED_API_TOKEN", TOKEN);
        return builder.start();
    }

    private void awaitReadyWithSeed(int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(managementPort, "/q/health/ready") == 200
                        && status(port, "/articles/000_22b61c6839899886") == 200);
    }

    private int status(int port, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
