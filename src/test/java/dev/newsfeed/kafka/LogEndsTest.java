package dev.newsfeed.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A writer waits for the ends of the logs at most {@link LogEnds}' own timeout, then hears 503: also when the brokers
 * take its requests and never answer (a broker paused or swapping), and also on a first read, which must describe the
 * topics before it can ask for their ends. The admin client's own timeout is long here, as it is by default, so a read
 * that leaned on it would hold the writer for a minute.
 */
class LogEndsTest {

    /** Far below the admin client's own timeouts here (30 s a request, 60 s a call), far above the read's 300 ms. */
    private static final Duration WRITER_PATIENCE = Duration.ofSeconds(5);

    /** Accepts connections and reads what it is sent, never answering: a broker that stopped where it was. */
    private ServerSocket silentBroker;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private Admin admin;

    @BeforeEach
    void startSilentBroker() throws IOException {
        silentBroker = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            while (!silentBroker.isClosed()) {
                try {
                    Socket connection = silentBroker.accept();
                    connections.add(connection);
                    Thread reader = new Thread(() -> drain(connection), "silent-broker-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-broker");
        acceptor.setDaemon(true);
        acceptor.start();
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + silentBroker.getLocalPort(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private static void drain(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // The test ended.
        }
    }

    @AfterEach
    void stop() throws IOException {
        admin.close(Duration.ZERO);
        silentBroker.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    @Test
    void firstReadFromBrokersThatNeverAnswerFailsWithinTheReadTimeoutNotTheAdminClientsTimeout() {
        LogEnds ends = new LogEnds(admin, List.of("newsfeed.articles", "newsfeed.retractions"),
                Duration.ofMillis(300));

        CompletableFuture<Map<TopicPartition, Long>> read = ends.read().toCompletableFuture();

        await().atMost(WRITER_PATIENCE).until(read::isDone);
        assertThat(read).isCompletedExceptionally();
    }

    @Test
    void readQueuedBehindAFailingOneAlsoFailsWithinTheReadTimeout() {
        LogEnds ends = new LogEnds(admin, List.of("newsfeed.articles"), Duration.ofMillis(300));

        CompletableFuture<Map<TopicPartition, Long>> first = ends.read().toCompletableFuture();
        CompletableFuture<Map<TopicPartition, Long>> second = ends.read().toCompletableFuture();

        await().atMost(WRITER_PATIENCE).until(() -> first.isDone() && second.isDone());
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
    }
}
