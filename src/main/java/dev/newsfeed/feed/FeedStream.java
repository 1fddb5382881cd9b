package dev.newsfeed.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.newsfeed.log.LogValues;
import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedView;

/**
 * One client of {@code /feed/stream}: it listens to the view first and then replays what changed after the
 * client's sequence up to the moment it started listening, so that replay and live changes together miss
 * nothing and repeat nothing. One event is in flight at a time; live changes wait in a bounded buffer, and a
 * client that lets it fill is disconnected, to resume from its last event id.
 */
final class FeedStream implements Consumer<List<FeedChange>> {

    private static final Logger LOG = Logger.getLogger(FeedStream.class);
    private static final int REPLAY_PAGE = 100;
    private static final long RECONNECT_DELAY_MILLIS = 2_000;
    private static final Object HEARTBEAT = new Object();

    private final SseEventSink sink;
    private final Sse sse;
    private final FeedView view;
    private final FeedFilter filter;
    private final ObjectWriter writer;
    private final int bufferLimit;
    private final Executor executor;
    private final Consumer<FeedStream> onClose;

    // Guarded by this: filled by the view's listener, emptied by whoever holds the sending flag.
    private final Deque<FeedChange> live = new ArrayDeque<>();
    private boolean sending;
    private boolean heartbeatDue;
    private boolean closed;

    // Touched only by whoever holds the sending flag.
    private final Deque<FeedChange> replay = new ArrayDeque<>();
    private ChangeSequence replayFrom;
    private ChangeSequence replayUpTo;

    FeedStream(SseEventSink sink, Sse sse, FeedView view, FeedFilter filter, ObjectWriter writer,
            int bufferLimit, Executor executor, Consumer<FeedStream> onClose) {
        this.sink = sink;
        this.sse = sse;
        this.view = view;
        this.filter = filter;
        this.writer = writer;
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
        // The first bytes open the response at once, so the client knows it is connected before any change.
        OutboundSseEvent hello = sse.newEventBuilder().comment("newsfeed changes")
                .reconnectDelay(RECONNECT_DELAY_MILLIS).build();
        send(hello);
    }

    /**
     * Hears the changes of one applied batch; runs on the view's applying thread, so it only queues them: the
     * filter is applied by the sender, off that thread.
     */
    @Override
    public void accept(List<FeedChange> changes) {
        boolean overflow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (live.size() + changes.size() > bufferLimit) {
                overflow = true;
            } else {
                live.addAll(changes);
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
        Object next;
        OutboundSseEvent event = null;
        try {
            next = next();
            if (next != null) {
                event = event(next);
            }
        } catch (RuntimeException e) {
            // Closed rather than left holding the sending turn, which would mute the stream for good.
            LOG.warnf("Closing a feed stream that could not go on: %s", LogValues.safe(e.toString()));
            synchronized (this) {
                sending = false;
            }
            close("the stream failed");
            return;
        }
        if (next == null) {
            boolean again;
            synchronized (this) {
                sending = false;
                again = !closed && (!live.isEmpty() || heartbeatDue);
            }
            if (again) {
                pump();
            }
            return;
        }
        send(event);
    }

    /** The sink refuses to send, by throwing, once the client has gone; the stream then ends. */
    private void send(OutboundSseEvent event) {
        try {
            sink.send(event).whenCompleteAsync(this::sent, executor);
        } catch (IllegalStateException e) {
            synchronized (this) {
                sending = false;
            }
            close("the client went away");
        }
    }

    private void sent(Object ignored, Throwable failure) {
        synchronized (this) {
            sending = false;
        }
        if (failure != null || sink.isClosed()) {
            close("the client went away");
        } else {
            pump();
        }
    }

    /** What to send next: the replay first, then live changes, then a due heartbeat; null when nothing. */
    private Object next() {
        while (replay.isEmpty() && replayFrom != null) {
            // Outside this object's lock, which the view's applying thread takes to hand over live changes.
            FeedView.Changes page = view.changesBetween(replayFrom, replayUpTo, REPLAY_PAGE, filter);
            replay.addAll(page.items());
            replayFrom = page.more() ? page.next() : null;
        }
        if (!replay.isEmpty()) {
            return replay.poll();
        }
        while (true) {
            FeedChange change;
            synchronized (this) {
                change = live.poll();
                if (change == null) {
                    if (heartbeatDue) {
                        heartbeatDue = false;
                        return HEARTBEAT;
                    }
                    return null;
                }
            }
            // Outside the lock, which the view's applying thread takes to queue changes. Retractions pass every
            // filter: a retracted article has no text left to match.
            if (change.article() == null || filter.test(change.article())) {
                return change;
            }
        }
    }

    private OutboundSseEvent event(Object item) {
        if (item == HEARTBEAT) {
            return sse.newEventBuilder().comment("heartbeat").build();
        }
        FeedChange change = (FeedChange) item;
        try {
            String data = writer.writeValueAsString(change);
            return sse.newEventBuilder().id(change.sequence()).data(String.class, data).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a change could not be written as JSON", e);
        }
    }
}
