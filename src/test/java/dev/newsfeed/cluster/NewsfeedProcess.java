package dev.newsfeed.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.newsfeed.kafka.EmbeddedKafkaBroker;

/**
 * One instance of the packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) as a child
 * process on a port of its own, with its own view folder, against the test's cluster. It can be killed
 * (SIGKILL) and started again on the same port and folder.
 *
 * <p>Readiness is asked at {@code newsfeed.it.ready-url} (default {@code http://localhost:{management}/q/health/ready}:
 * health is on the management port; {@code {http}} stands for the API's port).
 */
final class NewsfeedProcess implements AutoCloseable {

    static final String TOKEN = "scale-out-test-token";
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final int managementPort;
    private final List<String> settings;
    private final Path log;
    private Process process;

    NewsfeedProcess(String name, Path work, Map<String, String> settings) throws IOException {
        this.name = name;
        this.httpPort = EmbeddedKafkaBroker.freePort();
        this.managementPort = EmbeddedKafkaBroker.freePort();
        this.log = work.resolve(name + ".log");
        this.settings = new ArrayList<>();
        settings.forEach((key, value) -> this.settings.add("-D" + key + "=" + value));
        this.settings.add("-Dnewsfeed.instance-id=" + name);
        this.settings.add("-Dnewsfeed.kafka.embedded=never");
        this.settings.add("-Dnewsfeed.api-token=" + TOKEN);
        this.settings.add("-Dnewsfeed.view.data-dir=" + work.resolve(name + "-view"));
        this.settings.add("-Dquarkus.http.port=" + httpPort);
        this.settings.add("-Dquarkus.management.port=" + managementPort);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    NewsfeedProcess start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The client JIT only, as for the brokers: a start costs less CPU, and the test starts several on two cores.
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(settings);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The test says where Kafka is; nothing from the environment may point elsewhere.
        builder.environment().keySet().removeIf(key -> key.startsWith("KAFKA_") || key.startsWith("NEWSFEED_"));
        process = builder.start();
        // Should the test JVM itself be stopped (a failsafe timeout), the instance must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return this;
    }

    /** The instance dying: SIGKILL, no shutdown hook, no last commit of its view. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die of SIGKILL within 10 s");
        }
    }

    boolean ready() {
        String url = System.getProperty("newsfeed.it.ready-url", "http://localhost:{management}/q/health/ready")
                .replace("{http}", String.valueOf(httpPort)).replace("{management}", String.valueOf(managementPort));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON article, named by its Idempotency-Key, so that sending it again updates the same article. */
    HttpResponse<String> post(String json, String idempotencyKey) throws IOException, InterruptedException {
        return HTTP.send(request("/articles").header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10));
    }

    /** Always kills: what a test leaves running would hold ports and folders for the rest of the suite. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
