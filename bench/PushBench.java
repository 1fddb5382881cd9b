import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Push throughput (issue 21): SUBSCRIPTIONS webhooks on one receiver on 127.0.0.1 (the JDK's server, answering 204),
 * ARTICLES articles POSTed to the service, and the time until the receiver has every delivery: deliveries per
 * second. The peer, in the same run: a plain JDK HttpClient posting the very bodies the service delivered, one
 * thread per subscription each in order (as push delivers a subscription), to the same receiver. Prints
 * {@code RESULT push=<deliveries/s> peer=<posts/s> ratio=<push/peer>}. Loopback only; every loop is bounded.
 *
 * <pre>java bench/PushBench.java BASE_URL TOKEN [SUBSCRIPTIONS (100)] [ARTICLES (50)]</pre>
 */
public class PushBench {

    private static final Duration LIMIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int subscriptions = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int articles = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        AtomicLong received = new AtomicLong();
        ConcurrentLinkedQueue<byte[]> bodies = new ConcurrentLinkedQueue<>();
        ConcurrentHashMap<String, Boolean> seenPaths = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (exchange.getRequestHeaders().getFirst("webhook-id") != null
                        && seenPaths.putIfAbsent(exchange.getRequestURI().getPath(), true) == null) {
                    bodies.add(body);
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> ids = new ArrayList<>();
        try {
            String word = "bench" + System.nanoTime();
            for (int n = 0; n < subscriptions; n++) {
                String answer = send(client, base + "/webhooks", token, "{\"url\":\"" + hook + "/s" + n
                        + "\",\"filter\":{\"q\":\"" + word + "\"}}");
                ids.add(answer.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
            }
            long expected = (long) subscriptions * articles;
            long started = System.nanoTime();
            for (int n = 0; n < articles; n++) {
                send(client, base + "/articles", token, "{\"title\":\"Bench article " + n + " " + word
                        + "\",\"body\":[\"A paragraph of the " + word + " benchmark, number " + n + ".\"]}");
            }
            waitFor(received, expected, started);
            double push = expected / ((System.nanoTime() - started) / 1e9);

            // The peer: the same kind of bodies, posted by a plain client, one ordered stream per subscription.
            byte[] body = bodies.peek();
            received.set(0);
            ExecutorService streams = Executors.newFixedThreadPool(subscriptions);
            long peerStarted = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < subscriptions; n++) {
                String url = hook + "/peer" + n;
                done.add(streams.submit(() -> {
                    for (int a = 0; a < articles; a++) {
                        client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/cloudevents+json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                }));
            }
            for (Future<?> stream : done) {
                stream.get();
            }
            double peer = expected / ((System.nanoTime() - peerStarted) / 1e9);
            streams.shutdown();
            System.out.printf("RESULT push=%.0f peer=%.0f ratio=%.2f (deliveries/s, %d subscriptions x %d articles)%n",
                    push, peer, push / peer, subscriptions, articles);
        } finally {
            for (String id : ids) {
                client.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/" + id))
                        .header("Authorization", "Bearer " + token).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            receiver.stop(0);
        }
    }

    private static String send(HttpClient client, String url, String token, String json) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void waitFor(AtomicLong received, long expected, long started) throws InterruptedException {
        while (received.get() < expected) {
            if (System.nanoTime() - started > LIMIT.toNanos()) {
                throw new IllegalStateException("only " + received.get() + " of " + expected + " deliveries in "
                        + LIMIT.toMinutes() + " min");
            }
            Thread.sleep(20);
        }
    }
}
