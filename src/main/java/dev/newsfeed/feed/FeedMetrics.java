package dev.newsfeed.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The read API's meters at {@code /q/metrics}: clients connected to the stream; streams refused past their limits
 * are counted by {@link StreamSlots}.
 */
@ApplicationScoped
public class FeedMetrics {

    void register(@Observes StartupEvent event, MeterRegistry registry, FeedStreams streams) {
        registry.gauge("newsfeed.feed.stream.clients", streams, FeedStreams::openStreams);
    }
}
