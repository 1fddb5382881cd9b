package dev.newsfeed.follower;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.newsfeed.view.FeedView;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * The view's meters at {@code /q/metrics}: articles shown, how long since the reader last applied a batch (the lag
 * of each partition is {@link ViewLag}'s), records
 * skipped as unreadable (by reason), reader failures, and once the view has caught up, how long applying a batch
 * takes and how old each record is when the view shows it (the staleness a poller of any instance may see),
 * histograms by {@link dev.newsfeed.metrics.TimerHistograms}.
 */
@ApplicationScoped
public class ViewMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, FeedView view, ViewUpdater updater) {
        ArticleTopicReader reader = updater.reader();
        Gauge.builder("newsfeed.feed.articles", view, FeedView::size)
                .description("Articles the feed shows").register(registry);
        // The lag of each partition is ViewLag's, measured against the brokers outside the reader.
        Gauge.builder("newsfeed.feed.last.applied.age", reader, ViewMetrics::secondsSinceLastApplied)
                .description("Seconds since the reader last applied a batch of records; -1 while it never did")
                .baseUnit("seconds").register(registry);
        for (SkipReason reason : SkipReason.values()) {
            Gauge.builder("newsfeed.feed.skipped.records", reader, r -> r.skippedRecords(reason))
                    .description("Topic records left out of the view because they are not articles")
                    .tag("reason", reason.tag).register(registry);
        }
        FunctionCounter.builder("newsfeed.feed.reader.failures", reader, ArticleTopicReader::failures)
                .description("Times the reader stopped on a failure and started again").register(registry);
        FunctionCounter.builder("newsfeed.feed.rebuilds", reader, ArticleTopicReader::rebuilds)
                .description("Times the view was emptied and read again from the beginning of the topics")
                .register(registry);
        Timer apply = Timer.builder("newsfeed.feed.apply")
                .description("Time the view took to apply a batch of records read while following the topics, and"
                        + " to show it")
                .register(registry);
        Timer shown = Timer.builder("newsfeed.feed.visible.delay")
                .description("For each record read while following the topics: from its Kafka timestamp to the"
                        + " moment the view showed it (a burst nobody waits for, shown at its end, is left out)")
                .register(registry);
        reader.onApplied((applyNanos, shownAfterMillis) -> {
            apply.record(applyNanos, TimeUnit.NANOSECONDS);
            for (long millis : shownAfterMillis) {
                shown.record(millis, TimeUnit.MILLISECONDS);
            }
        });
    }

    private static double secondsSinceLastApplied(ArticleTopicReader reader) {
        Instant last = reader.lastApplied();
        return last == null ? -1 : Duration.between(last, Instant.now()).toMillis() / 1000.0;
    }
}
