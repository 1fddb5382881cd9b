package dev.newsfeed.reader;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.view.FeedView;

/**
 * Ready once the view has caught up with the topics, for as long as its reader runs and keeps up: from then on
 * this instance serves a whole feed, even while Kafka is away (the {@code kafka} health group reports that).
 * Not ready while the reader is not running (between a failure and its retry), while it is behind and has
 * applied nothing for longer than {@code newsfeed.view.stall-timeout}, or while the topic would delete articles.
 */
@Readiness
@ApplicationScoped
public class ViewReadiness implements HealthCheck {

    private final ViewUpdater updater;
    private final FeedView view;
    private final ArticleTopic topic;
    private final Duration stallTimeout;
    private final Clock clock = Clock.systemUTC();

    ViewReadiness(ViewUpdater updater, FeedView view, ArticleTopic topic, ViewSettings settings) {
        this.updater = updater;
        this.view = view;
        this.topic = topic;
        this.stallTimeout = settings.stallTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        ArticleTopicReader reader = updater.reader();
        ArticleTopic.Status status = topic.status();
        boolean usable = status.state() != ArticleTopic.State.MISCONFIGURED;
        boolean stalled = reader.lag() > 0 && reader.lastProgress().plus(stallTimeout).isBefore(clock.instant());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feed")
                .status(reader.isCaughtUp() && reader.isReading() && !stalled && usable)
                .withData("caughtUp", reader.isCaughtUp())
                .withData("reading", reader.isReading())
                .withData("lagRecords", reader.lag())
                .withData("stalled", stalled)
                .withData("articles", view.size())
                .withData("skippedRecords", reader.skippedRecords())
                .withData("readerFailures", reader.failures())
                .withData("topic", status.detail());
        if (reader.lastFailure() != null) {
            response.withData("lastReaderFailure", reader.lastFailure());
        }
        return response.build();
    }
}
