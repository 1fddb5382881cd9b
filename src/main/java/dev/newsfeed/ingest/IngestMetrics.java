package dev.newsfeed.ingest;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The ingestion meters at {@code /q/metrics}: published, unchanged and rejected sources, publish latency. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter published;
    private final Counter unchanged;
    private final Timer publishLatency;
    private final Timer syncedByView;
    private final Timer syncedByOwnWrites;

    IngestMetrics(MeterRegistry registry, SourceLedger ledger) {
        this.registry = registry;
        this.published = Counter.builder("newsfeed.articles.ingested").tag("result", "published")
                .description("Sources published as a new article version").register(registry);
        this.unchanged = Counter.builder("newsfeed.articles.ingested").tag("result", "unchanged")
                .description("Sources whose text the feed already held").register(registry);
        this.publishLatency = Timer.builder("newsfeed.publish.latency")
                .description("From send to Kafka's acknowledgement").register(registry);
        this.syncedByView = synced(registry, "view");
        this.syncedByOwnWrites = synced(registry, "own-writes");
        registry.gauge("newsfeed.sources.pending", ledger, l -> l.count(SourceLedger.State.PENDING));
    }

    void published(long nanos) {
        published.increment();
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Timer synced(MeterRegistry registry, String through) {
        return Timer.builder("newsfeed.ingest.sync").tag("through", through)
                .description("From a write's turn to a view it may decide on: the ends of the logs read, then the view"
                        + " reaching them, or this instance's own acknowledged records covering what it lacks")
                .register(registry);
    }

    void synced(long nanos, boolean byOwnWrites) {
        (byOwnWrites ? syncedByOwnWrites : syncedByView).record(nanos, TimeUnit.NANOSECONDS);
    }

    void unchanged() {
        unchanged.increment();
    }

    void rejected(String reason) {
        registry.counter("newsfeed.articles.rejected", "reason", reason).increment();
    }
}
