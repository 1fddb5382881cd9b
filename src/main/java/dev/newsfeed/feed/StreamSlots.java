package dev.newsfeed.feed;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.newsfeed.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * How many {@code /feed/stream} connections may be open: in all, below the server's connection limit so that a
 * share of connections stays for ordinary requests, and per client address, so that one client cannot take them
 * all (issue 22, finding 2). Past either, a stream is refused with 503 and {@code Retry-After}, counted in
 * {@code newsfeed_feed_stream_refused_total{reason}}, and said in the log at most once a minute.
 */
@ApplicationScoped
public class StreamSlots {

    private static final Logger LOG = Logger.getLogger(StreamSlots.class);
    /** Seconds a refused client should wait: streams end when their clients leave, or at the idle timeout. */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int max;
    private final int maxPerClient;
    private final Counter refusedTotal;
    private final Counter refusedPerClient;

    // Guarded by this.
    private int open;
    private final Map<String, Integer> perClient = new HashMap<>();
    private long lastLogged = System.nanoTime() - LOG_EVERY_NANOS;
    private int refusedSinceLogged;

    StreamSlots(FeedSettings settings, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.http.limits.max-connections") Optional<Integer> maxConnections) {
        this.max = settings.streamMax();
        this.maxPerClient = settings.streamMaxPerClient();
        if (max < 1 || maxPerClient < 1) {
            throw new IllegalStateException("newsfeed.feed.stream-max and stream-max-per-client must be at least 1");
        }
        if (maxConnections.isPresent() && max >= maxConnections.get()) {
            throw new IllegalStateException("newsfeed.feed.stream-max (" + max + ") must stay below"
                    + " quarkus.http.limits.max-connections (" + maxConnections.get()
                    + "), so that streams leave connections for ordinary requests");
        }
        this.refusedTotal = registry.counter("newsfeed.feed.stream.refused", "reason", "total");
        this.refusedPerClient = registry.counter("newsfeed.feed.stream.refused", "reason", "per-client");
    }

    /** Checks the limits at start-up, not at the first stream. */
    void check(@Observes StartupEvent event) {
        LOG.debugf("Streams: %d at most, %d per client address", max, maxPerClient);
    }

    /**
     * A slot for one more stream of {@code client}; release it when the stream ends.
     *
     * @throws ProblemException 503 with Retry-After when every slot, or every slot of this client, is taken
     */
    Slot acquire(String client) {
        String refusal = null;
        String logLine = null;
        synchronized (this) {
            if (open >= max) {
                refusedTotal.increment();
                refusal = "all " + max + " live streams of this instance are taken";
            } else if (perClient.getOrDefault(client, 0) >= maxPerClient) {
                refusedPerClient.increment();
                refusal = "this client address already has " + maxPerClient + " live streams open";
            } else {
                open++;
                perClient.merge(client, 1, Integer::sum);
                return new Slot(client);
            }
            refusedSinceLogged++;
            long now = System.nanoTime();
            if (now - lastLogged >= LOG_EVERY_NANOS) {
                logLine = refusedSinceLogged + " stream(s) refused in the last minute, the latest because " + refusal
                        + " (newsfeed.feed.stream-max=" + max + ", stream-max-per-client=" + maxPerClient + ")";
                lastLogged = now;
                refusedSinceLogged = 0;
            }
        }
        if (logLine != null) {
            LOG.warn(logLine);
        }
        throw new StreamsFullException(refusal);
    }

    synchronized int open() {
        return open;
    }

    private synchronized void release(String client) {
        open--;
        perClient.computeIfPresent(client, (address, streams) -> streams == 1 ? null : streams - 1);
    }

    /** One open stream's place; released once, however often its end is reported. */
    final class Slot {

        private final String client;
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot(String client) {
            this.client = client;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                StreamSlots.this.release(client);
            }
        }
    }

    static final class StreamsFullException extends ProblemException {

        StreamsFullException(String why) {
            super(503, "Too many streams", why + "; try again later, or poll /feed?since=");
        }

        @Override
        public int retryAfterSeconds() {
            return RETRY_AFTER_SECONDS;
        }
    }
}
