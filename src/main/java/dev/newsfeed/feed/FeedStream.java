package dev.newsfeed.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;
import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * One client of {@code /feed/stream}: it listens to the view first and then replays what changed after the
 * client's sequence up to the moment it started listening, so that replay and live changes together miss
 * nothing and repeat nothing. One write is in flight at a time, carrying every event that waited for it; live
 * changes wait in a bounded buffer, and a client that lets it fill is disconnected, to resume from its last event
 * id. Live events are the bytes {@link FeedStreamEvents} made once for every client of the same {@code fields}.
 */
final class FeedStream implements Consumer<List<FeedChange>> {

    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    private static final int REPLAY_PAGE = 100;
    private static final long RECONNECT_DELAY_MILLIS = 2_000;

    private final SseEventSink sink;
    private final Sse sse;
    private final Function<Buffer, Future<Void>> wire;
    private final FeedView view;
    private final FeedFilter filter;
    private final FeedStreamEvents events;
    private final FeedStreamEvents.Fields fields;
    private final int bufferLimit;
    private final Executor executor;
    private final Consumer<FeedStream> onClose;

    // Guarded by this: filled by the view's listener, emptied by whoever holds the sending flag.
    private final Deque<FeedStreamEvents.Event> live = new ArrayDeque<>();
    /** Live changes taken by the write in flight: until it completes, they count against the buffer too. */
    private int inFlight;
    private boolean sending;
    private boolean heartbeatDue;
    private boolean closed;

    // Touched only by whoever holds the sending flag.
    private final Deque<FeedChange> replay = new ArrayDeque<>();
    private ChangeSequence replayFrom;
    private ChangeSequence replayUpTo;

    /**
     * @param sink the response as JAX-RS sees it: it writes the head and the greeting, and ends the response
     * @param wire writes bytes to the same response after the greeting; completes once they are on the socket
     */
    FeedStream(SseEventSink sink, Sse sse, Function<Buffer, Future<Void>> wire, FeedView view, FeedFilter filter,
            FeedStreamEvents events, FeedStreamEvents.Fields fields, int bufferLimit, Executor executor,
            Consumer<FeedStream> onClose) {
        this.sink = sink;
        this.sse = sse;
        this.wire = wire;
        this.view = view;
        this.filter = filter;
        this.events = events;
        this.fields = fields;
        this.bufferLimit = bufferLimit;
        this.executor = executor;
        this.onClose = onClose;
    }

    /** @param since the client's sequence, or null to hear only what changes from now on */
    void start(ChangeSequence since) {
        synchronized (this) {
            // Held from before listening, so no live change can overtake the greeting or the replay.
            sending = true;
        }
        ChangeSequence listeningFrom = view.subscribe(this);
        if (since != null) {
            replayFrom = since;
            replayUpTo = listeningFrom;
        }
        // The first bytes open the response at once, so the client knows it is connected before any change. They
        // go through the sink, which writes the response's head (status, event-stream type, chunked) before them.
        OutboundSseEvent hello = sse.newEventBuilder().comment("newsfeed changes")
                .reconnectDelay(RECONNECT_DELAY_MILLIS).build();
        try {
            sink.send(hello).whenCompleteAsync((ignored, failure) -> sent(failure != null), executor);
        } catch (IllegalStateException e) {
            wentAway();
        }
    }

    /**
     * Hears the changes of one applied batch; runs on the view's applying thread, so it only queues them: the
     * filter is applied by the sender, off that thread.
     */
    @Override
    public void accept(List<FeedChange> changes) {
        List<FeedStreamEvents.Event> batch = events.of(changes);
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inFlight + live.size() + batch.size() > bufferLimit) {
                overflow = true;
            } else {
                live.addAll(batch);
            }
        }
        try {
            if (overflow) {
                String why = "it fell " + bufferLimit + " changes behind; it may resume from its last event id";
                executor.execute(() -> close(why));
            } else {
                executor.execute(this::pump);
            }
        } catch (RejectedExecutionException e) {
            close("the service is stopping");
        }
    }

    /** Asks for a comment to be sent if nothing else is waiting, so that proxies and clients see a live line. */
    void heartbeat() {
        synchronized (this) {
            heartbeatDue = true;
        }
        pump();
    }

    synchronized int buffered() {
        return live.size();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    void close(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            live.clear();
        }
        view.unsubscribe(this);
        LOG.debugf("Closing a feed stream: %s", why);
        try {
            sink.close();
        } finally {
            onClose.accept(this);
        }
    }

    private void pump() {
        synchronized (this) {
            if (closed || sending) {
                return;
            }
            sending = true;
        }
        ByteBuf next;
        try {
            next = next();
        } catch (RuntimeException e) {
            // Closed rather than left holding the sending turn, which would mute the stream for good.
            LOG.warnf("Closing a feed stream that could not go on: %s", LogValues.safe(e.toString()));
            synchronized (this) {
                sending = false;
                inFlight = 0;
            }
            close("the stream failed");
            return;
        }
        if (next == null) {
            boolean again;
            synchronized (this) {
                sending = false;
                inFlight = 0;
                again = !closed && (!live.isEmpty() || heartbeatDue);
            }
            if (again) {
                pump();
            }
            return;
        }
        write(next);
    }

    /** The response refuses to write, by throwing or failing, once the client has gone; the stream then ends. */
    @SuppressWarnings("deprecation") // Buffer.buffer(ByteBuf): Vert.x 4's way to write bytes it does not copy
    private void write(ByteBuf bytes) {
        Future<Void> written;
        try {
            written = wire.apply(Buffer.buffer(bytes));
        } catch (IllegalStateException e) {
            wentAway();
            return;
        }
        written.onComplete(this::written);
    }

    /** Runs on the connection's event loop, which the sender leaves at once for its own threads. */
    private void written(AsyncResult<Void> result) {
        try {
            executor.execute(() -> sent(result.failed()));
        } catch (RejectedExecutionException e) {
            close("the service is stopping");
        }
    }

    private void sent(boolean failed) {
        synchronized (this) {
            sending = false;
            inFlight = 0;
        }
        if (failed || sink.isClosed()) {
            close("the client went away");
        } else {
            pump();
        }
    }

    private void wentAway() {
        synchronized (this) {
            sending = false;
            inFlight = 0;
        }
        close("the client went away");
    }

    /**
     * What to send next, as one write: the next page of the replay, else every live change waiting that the
     * filter lets through, else a due heartbeat; null when nothing.
     */
    private ByteBuf next() {
        while (replay.isEmpty() && replayFrom != null) {
            // Outside this object's lock, which the view's applying thread takes to hand over live changes.
            FeedView.Changes page = view.changesBetween(replayFrom, replayUpTo, REPLAY_PAGE, filter);
            replay.addAll(page.items());
            replayFrom = page.more() ? page.next() : null;
        }
        List<ByteBuf> parts = new ArrayList<>();
        if (!replay.isEmpty()) {
            // A catch-up page is this client's alone: its bytes are made for it.
            while (!replay.isEmpty()) {
                parts.add(events.render(replay.poll(), fields));
            }
            return joined(parts);
        }
        List<FeedStreamEvents.Event> waiting;
        synchronized (this) {
            if (live.isEmpty()) {
                if (heartbeatDue) {
                    heartbeatDue = false;
                    return FeedStreamEvents.HEARTBEAT;
                }
                return null;
            }
            waiting = new ArrayList<>(live);
            live.clear();
            inFlight = waiting.size();
        }
        // Outside the lock, which the view's applying thread takes to queue changes.
        for (FeedStreamEvents.Event event : waiting) {
            if (event.passes(filter)) {
                parts.add(event.bytes(fields));
            }
        }
        return parts.isEmpty() ? null : joined(parts);
    }

    /** The events side by side as one buffer that only points at theirs: nothing is copied. */
    private static ByteBuf joined(List<ByteBuf> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ByteBuf[] views = new ByteBuf[parts.size()];
        for (int i = 0; i < views.length; i++) {
            // A view each, so that reading one never moves the shared buffer's own read position.
            views[i] = parts.get(i).duplicate();
        }
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(views.length, views));
    }
}
