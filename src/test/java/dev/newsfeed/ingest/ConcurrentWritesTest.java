package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 10: under 64 concurrent POSTs, 1 to 3 of 20,000 were answered 500 ({@code ContextNotActiveException} for
 * {@code CurrentVertxRequest}: the request's CDI request scope, shared by the threads running its Vert.x context,
 * was replaced under RESTEasy Reactive by context propagation on the write's worker). Every write of a burst is
 * answered 201. Too rare to fail here reliably before the fix; a guard against the obvious regressions.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int CLIENTS = 64;
    private static final int WRITES = 1500;

    @TestHTTPResource("/articles")
    URI articles;

    @Test
    void everyConcurrentPostIsAnswered201() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore clients = new Semaphore(CLIENTS);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < WRITES; i++) {
            clients.acquire();
            HttpRequest post = HttpRequest.newBuilder(articles)
                    .header("Authorization", "Bearer test-token")
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"Concurrent write " + i + " " + run
                            + "\", \"body\": [\"One of " + WRITES + " written by " + CLIENTS + " clients.\"]}"))
                    .build();
            answers.add(client.sendAsync(post, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        statuses.merge(failure == null ? response.statusCode() : -1, 1, Integer::sum);
                        clients.release();
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null)
                .get(120, TimeUnit.SECONDS);

        assertThat(new TreeMap<>(statuses)).isEqualTo(Map.of(201, WRITES));
    }
}
