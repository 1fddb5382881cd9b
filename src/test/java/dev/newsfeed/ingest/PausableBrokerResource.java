package dev.newsfeed.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.newsfeed.kafka.EmbeddedKafkaBroker;
import dev.newsfeed.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker in a process of its own, which a test can pause (SIGSTOP) and resume (SIGCONT) as an operator's bad day
 * would: requests sent to it meanwhile wait in its sockets and are served, late, when it resumes. The service of the
 * test profile uses it alone, with a view folder of its own and no ingest folder.
 */
public class PausableBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** The system property that holds the broker's process id, for {@link #pause()} from any class loader. */
    static final String PID = "newsfeed.test.pausable-broker.pid";
    private static final Duration START = Duration.ofSeconds(60);

    private Process process;
    private Path work;

    /** Runs a broker until the process is killed: {@code port dataDir}. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Integer.parseInt(args[0]), Path.of(args[1])).start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
            Thread.currentThread().join();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            work = Files.createTempDirectory("newsfeed-test-pausable");
            int port = EmbeddedKafkaBroker.freePort();
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), String.valueOf(port),
                    work.resolve("kafka").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("broker.log").toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            System.setProperty(PID, String.valueOf(process.pid()));
            awaitListening(port);
            return Map.of("kafka.bootstrap.servers", "localhost:" + port,
                    "newsfeed.view.data-dir", work.resolve("view").toString(),
                    "newsfeed.ingest.folder-enabled", "false");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the pausable test broker", e);
        }
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the pausable broker exited: see " + work.resolve("broker.log"));
            }
            try (Socket ignored = new Socket("localhost", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the broker started", e);
                }
            }
        }
        throw new IOException("the pausable broker did not listen within " + START);
    }

    /** Stops the broker's process where it is (SIGSTOP): it answers nothing until {@link #resume()}. */
    static void pause() {
        signal("STOP");
    }

    static void resume() {
        signal("CONT");
    }

    private static void signal(String name) {
        String pid = System.getProperty(PID);
        if (pid == null) {
            throw new IllegalStateException("no pausable broker runs");
        }
        try {
            int exit = new ProcessBuilder("kill", "-" + name, pid).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            resume();
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.clearProperty(PID);
        }
        if (work != null) {
            KafkaBrokerResource.delete(work);
        }
    }
}
