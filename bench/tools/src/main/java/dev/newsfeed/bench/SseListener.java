package dev.newsfeed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * One client of {@code /feed/stream}: calls back with each event's article id and the time its data line came.
 * Non-blocking (a line subscriber on the HttpClient's selector), so a thousand of them need no thousand threads.
 */
final class SseListener implements Flow.Subscriber<String> {

    private static final String ID = "\"id\":\"";

    private final BiConsumer<String, Long> onEvent;
    private volatile boolean ended;
    private volatile long events;

    SseListener(BiConsumer<String, Long> onEvent) {
        this.onEvent = onEvent;
    }

    /** Connects; completes with the response's status once the headers came (the stream goes on). */
    CompletableFuture<Integer> connect(HttpClient client, String url) {
        // No request timeout: HttpClient's covers the whole exchange, and would end an endless stream.
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET()
                .build();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        client.sendAsync(request, info -> {
            status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        }).whenComplete((response, failure) -> {
            ended = true;
            status.completeExceptionally(failure != null ? failure : new IllegalStateException("ended"));
        });
        return status;
    }

    boolean ended() {
        return ended;
    }

    long events() {
        return events;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.startsWith("data:")) {
            long now = System.nanoTime();
            int at = line.indexOf(ID);
            if (at >= 0) {
                int end = line.indexOf('"', at + ID.length());
                events++;
                onEvent.accept(line.substring(at + ID.length(), end), now);
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        ended = true;
    }

    @Override
    public void onComplete() {
        ended = true;
    }
}
