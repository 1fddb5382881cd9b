package dev.newsfeed.push;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Push's meters: {@code newsfeed_push_deliveries_total{kind,result}} (result: delivered, failed for each failed
 * attempt, gone, dead_lettered) and, for each subscription this instance delivers (tagged {@code subscription}):
 * {@code newsfeed_push_backlog_records} (records of the articles topic it has still to go through),
 * {@code newsfeed_push_last_success_seconds}, {@code newsfeed_push_last_failure_seconds} and
 * {@code newsfeed_push_failing}.
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

    /**
     * The gauges of a subscription while this instance delivers it: its backlog, the times of its last success and
     * last failure (epoch seconds, 0 for never) and whether it is failing (1) or not (0). Closing removes them.
     */
    AutoCloseable subscription(String subscriptionId, AtomicLong records, Supplier<DeliveryStatus> status) {
        List<Gauge> gauges = List.of(
                Gauge.builder("newsfeed.push.backlog.records", records, AtomicLong::get)
                        .description("Records of the articles topic a subscription delivered here has still to go"
                                + " through")
                        .tag("subscription", subscriptionId).strongReference(true).register(registry),
                Gauge.builder("newsfeed.push.last.success.seconds", status, s -> epoch(s.get().lastSuccessAt()))
                        .description("When a delivery to the subscription last succeeded (epoch seconds; 0: never)")
                        .tag("subscription", subscriptionId).strongReference(true).register(registry),
                Gauge.builder("newsfeed.push.last.failure.seconds", status, s -> epoch(s.get().lastFailureAt()))
                        .description("When an attempt to deliver to the subscription last failed (epoch seconds;"
                                + " 0: never)")
                        .tag("subscription", subscriptionId).strongReference(true).register(registry),
                Gauge.builder("newsfeed.push.failing", status, s -> s.get().failing() ? 1 : 0)
                        .description("1 while the subscription is failing: an event was given up, none delivered"
                                + " since")
                        .tag("subscription", subscriptionId).strongReference(true).register(registry));
        return () -> gauges.forEach(registry::remove);
    }

    private static double epoch(Instant at) {
        return at == null ? 0 : at.getEpochSecond();
    }

    private void count(Subscription.Kind kind, String result) {
        registry.counter("newsfeed.push.deliveries", "kind", kind.name().toLowerCase(Locale.ROOT), "result", result)
                .increment();
    }
}
