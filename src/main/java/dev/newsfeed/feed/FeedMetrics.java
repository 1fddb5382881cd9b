package dev.newsfeed.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The view's meters at {@code /q/metrics}: articles held, topic records skipped as unreadable, and clients
 * connected to the stream.
 */
@ApplicationScoped
public class FeedMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, FeedView view, FeedUpdater updater,
            FeedStreams streams) {
        registry.gauge("newsfeed.feed.articles", view, FeedView::size);
        registry.gauge("newsfeed.feed.skipped.records", updater, FeedUpdater::skippedRecords);
        registry.gauge("newsfeed.feed.stream.clients", streams, FeedStreams::openStreams);
    }
}
