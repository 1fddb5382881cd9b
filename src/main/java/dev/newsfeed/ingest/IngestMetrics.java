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

    IngestMetrics(MeterRegistry registry, SourceLedger ledger) {
        this.registry = registry;
        this.published = Counter.builder("newsfeed.articles.ingested").tag("result", "published")
                .description("Sources published as a new article version").register(registry);
        this.unchanged = Counter.builder("newsfeed.articles.ingested").tag("result", "unchanged")
                .description("Sources whose text the feed already held").register(registry);
        this.publishLatency = Timer.builder("newsfeed.publish.latency")
                .description("From send to Kafka's acknowledgement").register(registry);
        registry.gauge("newsfeed.sources.pending", ledger, l -> l.count(SourceLedger.State.PENDING));
    }

    void published(long nanos) {
        published.increment();
        publishLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void unchanged() {
        unchanged.increment();
    }

    void rejected(String reason) {
        registry.counter("newsfeed.articles.rejected", "reason", reason).increment();
    }
}
