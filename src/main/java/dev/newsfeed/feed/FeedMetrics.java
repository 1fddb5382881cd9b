package dev.newsfeed.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** The view's meters at {@code /q/metrics}: articles held, and topic records skipped as unreadable. */
@ApplicationScoped
public class FeedMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, FeedView view, FeedUpdater updater) {
        registry.gauge("newsfeed.feed.articles", view, FeedView::size);
        registry.gauge("newsfeed.feed.skipped.records", updater, FeedUpdater::skippedRecords);
    }
}
