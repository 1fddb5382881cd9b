package dev.newsfeed.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's server): keeps every request it gets, and answers each as the test
 * says, by the request's number (0 is the first): a status, headers, a body, or a hang until the test lets go.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** A query parameter of the request, decoded; null when absent. */
        String parameter(String name) {
            String query = uri.getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8)
                        .equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * How to answer: a status and body; {@code hang} holds the answer back until {@link #release()};
     * {@code unfinished} sends the status and the body at once, and then holds back the answer's end until then.
     */
    record Reply(int status, String body, Map<String, String> headers, boolean hang, boolean unfinished) {

        Reply(int status, String body, Map<String, String> headers, boolean hang) {
            this(status, body, headers, hang, false);
        }

        static Reply status(int status) {
            return new Reply(status, "", Map.of(), false);
        }

        static Reply hanging() {
            return new Reply(200, "", Map.of(), true);
        }

        /** A status and a body of {@code bytes} bytes whose end never comes (until the receiver is released). */
        static Reply endlessBody(int status, int bytes) {
            return new Reply(status, "x".repeat(bytes), Map.of(), false, true);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile BiFunction<Integer, Request, Reply> replies = (number, request) -> Reply.status(204);

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a receiver on 127.0.0.1", e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of {@code path} on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Receiver answering(IntFunction<Reply> replies) {
        this.replies = (number, request) -> replies.apply(number);
        return this;
    }

    /** Answers by what was asked, e.g. a WebSub subscriber echoing the challenge of a verification. */
    Receiver answeringBy(Function<Request, Reply> replies) {
        this.replies = (number, request) -> replies.apply(request);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** When each request arrived, in the order of {@link #requests()}. */
    List<Instant> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Lets every hanging answer go. */
    void release() {
        released.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    entry -> entry.getKey().toLowerCase(), entry -> String.join(",", entry.getValue())));
            arrivals.add(Instant.now());
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
            requests.add(request);
            Reply reply = replies.apply(count.getAndIncrement(), request);
            if (reply.hang()) {
                released.await(30, TimeUnit.SECONDS);
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.unfinished()) {
                // Chunked, so that the client cannot know where the body ends: only the receiver's release ends it.
                exchange.sendResponseHeaders(reply.status(), 0);
                OutputStream out = exchange.getResponseBody();
                out.write(answer);
                out.flush();
                released.await(30, TimeUnit.SECONDS);
                out.close();
                return;
            }
            exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The sender gave up on this answer (a timeout): nothing to tell it.
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
