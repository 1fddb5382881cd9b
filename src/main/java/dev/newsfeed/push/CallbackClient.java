package dev.newsfeed.push;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Makes the requests of push: a delivery's POST and a verification's GET, to the address {@link CallbackPolicy}
 * checked (the URL's host stays the Host header and the TLS name), never following a redirect, reading at most a
 * few KiB of the answer, and giving up after the attempt's timeout, connecting included. The calling thread waits:
 * each subscription is delivered on a thread of its own, so a slow receiver holds back only its own subscription.
 */
final class CallbackClient implements AutoCloseable {

    /** What came back: a status (0 when nothing came), the first bytes of the body, and any Retry-After. */
    record Answer(int status, String body, Duration retryAfter, String failure) {

        static Answer failed(String failure) {
            return new Answer(0, "", null, failure);
        }

        boolean successful() {
            return status >= 200 && status < 300;
        }

        /** Words for the subscription's status: the status code, or why nothing came. */
        String describe() {
            return status == 0 ? failure : "HTTP " + status;
        }
    }

    private final HttpClient client;
    private final int maxResponseBytes;

    CallbackClient(Vertx vertx, int maxResponseBytes, int maxConnectionsPerReceiver) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(maxConnectionsPerReceiver)
                .setKeepAlive(true)
                .setForceSni(true)
                .setVerifyHost(true));
        this.maxResponseBytes = maxResponseBytes;
    }

    Answer post(CallbackPolicy.Target target, Map<String, String> headers, byte[] body, Duration timeout)
            throws InterruptedException {
        return send(HttpMethod.POST, target, headers, body, timeout);
    }

    Answer get(CallbackPolicy.Target target, Duration timeout) throws InterruptedException {
        return send(HttpMethod.GET, target, Map.of(), null, timeout);
    }

    private Answer send(HttpMethod method, CallbackPolicy.Target target, Map<String, String> headers, byte[] body,
            Duration timeout) throws InterruptedException {
        String path = target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty() ? "/"
                : target.uri().getRawPath();
        String query = target.uri().getRawQuery();
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.uri().getHost())
                .setPort(target.port())
                .setSsl(target.uri().getScheme().equalsIgnoreCase("https"))
                .setURI(query == null ? path : path + "?" + query)
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::addHeader);
        options.addHeader("User-Agent", "newsfeed-push/1");
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Promise<Answer> promise = Promise.promise();
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                promise.tryFail(opened.cause());
                return;
            }
            HttpClientRequest request = opened.result();
            sent.set(request);
            // The answer's handlers are set in the response handler itself, on the event loop, before any of its
            // body is handled: set later (in a composed future), a short body may be over before they are.
            request.response(received -> {
                if (received.failed()) {
                    promise.tryFail(received.cause());
                } else {
                    read(received.result(), promise);
                }
            });
            request.exceptionHandler(promise::tryFail);
            if (body == null) {
                request.end();
            } else {
                request.end(Buffer.buffer(body));
            }
        });
        Future<Answer> answer = promise.future();
        try {
            return answer.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reset(sent.get());
            return Answer.failed("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Answer.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            reset(sent.get());
            throw e;
        }
    }

    /** The status and at most {@code maxResponseBytes} of the body; a longer body is cut off with its connection. */
    private void read(HttpClientResponse response, Promise<Answer> promise) {
        Buffer kept = Buffer.buffer();
        Duration retryAfter = RetrySchedule.retryAfter(response.getHeader("Retry-After"));
        try {
            response.exceptionHandler(promise::tryFail);
            response.handler(chunk -> {
                int room = maxResponseBytes - kept.length();
                if (room > 0) {
                    kept.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                }
                if (chunk.length() > room) {
                    promise.tryComplete(new Answer(response.statusCode(), kept.toString(), retryAfter, null));
                    response.request().reset();
                }
            });
            response.endHandler(done -> promise.tryComplete(
                    new Answer(response.statusCode(), kept.toString(), retryAfter, null)));
        } catch (IllegalStateException ended) {
            // A response without a body may have ended before its handlers could be set: its status is all there is.
            promise.tryComplete(new Answer(response.statusCode(), "", retryAfter, null));
        }
    }

    private static void reset(HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
