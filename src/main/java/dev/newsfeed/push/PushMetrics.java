package dev.newsfeed.push;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Push's meters: {@code newsfeed_push_deliveries_total{kind,result}} (result: delivered, failed for each failed
 * attempt, gone, dead_lettered) and, for each subscription this instance delivers,
 * {@code newsfeed_push_backlog_records{subscription}}: the records of the articles topic it has still to go through.
 */
final class PushMetrics {

    private final MeterRegistry registry;

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(Subscription.Kind kind) {
        count(kind, "delivered");
    }

    void failedAttempt(Subscription.Kind kind) {
        count(kind, "failed");
    }

    void gone(Subscription.Kind kind) {
        count(kind, "gone");
    }

    void deadLettered(Subscription.Kind kind) {
        count(kind, "dead_lettered");
    }

    /** A gauge of the subscription's backlog while this instance delivers it; closing it removes the gauge. */
    AutoCloseable backlog(String subscriptionId, AtomicLong records) {
        Gauge gauge = Gauge.builder("newsfeed.push.backlog.records", records, AtomicLong::get)
                .description("Records of the articles topic a subscription delivered here has still to go through")
                .tag("subscription", subscriptionId).register(registry);
        return () -> registry.remove(gauge);
    }

    private void count(Subscription.Kind kind, String result) {
        registry.counter("newsfeed.push.deliveries", "kind", kind.name().toLowerCase(Locale.ROOT), "result", result)
                .increment();
    }
}
