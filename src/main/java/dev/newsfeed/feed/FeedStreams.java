package dev.newsfeed.feed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedView;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** The open {@code /feed/stream} connections: their heartbeats, their sending thread, their end at shutdown. */
@ApplicationScoped
public class FeedStreams {

    private final FeedView view;
    private final FeedSettings settings;
    /** Shared by every stream, so that each change is made into bytes once per variant, not once per client. */
    private final FeedStreamEvents events;
    /** Each open stream, its heartbeat and its slot. */
    private final Map<FeedStream, Open> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "newsfeed-feed-stream");
        thread.setDaemon(true);
        return thread;
    });

    FeedStreams(FeedView view, FeedSettings settings, ObjectMapper json) {
        this.view = view;
        this.settings = settings;
        this.events = new FeedStreamEvents(json);
    }

    /**
     * @param wire writes to the sink's response after its greeting
     * @param since the client's sequence, or null for live changes only
     * @param slot the stream's place among the open ones, released when it ends
     */
    void open(SseEventSink sink, Sse sse, Function<Buffer, Future<Void>> wire, ChangeSequence since,
            FeedFilter filter, boolean summaryOnly, StreamSlots.Slot slot) {
        long heartbeat = settings.streamHeartbeat().toMillis();
        FeedStreamEvents.Fields fields = summaryOnly ? FeedStreamEvents.Fields.SUMMARY : FeedStreamEvents.Fields.ALL;
        FeedStream stream = new FeedStream(sink, sse, wire, view, filter, events, fields, settings.streamBuffer(),
                executor, this::forget);
        try {
            // A periodic task that throws is never run again: a stream that cannot beat is ended instead.
            open.put(stream, new Open(executor.scheduleAtFixedRate(() -> {
                try {
                    stream.heartbeat();
                } catch (RuntimeException e) {
                    stream.close("its heartbeat failed: " + e);
                }
            }, heartbeat, heartbeat, TimeUnit.MILLISECONDS), slot));
        } catch (RuntimeException e) {
            slot.release();
            throw e;
        }
        stream.start(since);
    }

    private void forget(FeedStream stream) {
        Open ended = open.remove(stream);
        if (ended != null) {
            ended.heartbeat().cancel(false);
            ended.slot().release();
        }
    }

    private record Open(ScheduledFuture<?> heartbeat, StreamSlots.Slot slot) {
    }

    int openStreams() {
        return open.size();
    }

    /**
     * At the start of shutdown, before Quarkus waits for the HTTP requests in flight: an open stream is one of them
     * and would hold the shutdown for its whole timeout. Its client resumes elsewhere from its last event id.
     */
    void ending(@Observes ShutdownDelayInitiatedEvent event) {
        open.keySet().forEach(stream -> stream.close("the service is stopping"));
    }

    void stop(@Observes ShutdownEvent event) {
        open.keySet().forEach(stream -> stream.close("the service is stopping"));
        executor.shutdownNow();
    }
}
