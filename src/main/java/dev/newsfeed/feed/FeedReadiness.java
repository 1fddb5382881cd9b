package dev.newsfeed.feed;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.newsfeed.kafka.ArticleTopic;

/**
 * Ready once the view has caught up with the topic: from then on this instance serves a whole feed, even
 * while Kafka is away (the {@code kafka} health group reports that). A topic that would delete articles
 * makes it not ready, so that nobody runs on it unawares.
 */
@Readiness
@ApplicationScoped
public class FeedReadiness implements HealthCheck {

    private final FeedUpdater updater;
    private final FeedView view;
    private final ArticleTopic topic;

    FeedReadiness(FeedUpdater updater, FeedView view, ArticleTopic topic) {
        this.updater = updater;
        this.view = view;
        this.topic = topic;
    }

    @Override
    public HealthCheckResponse call() {
        ArticleTopic.Status status = topic.status();
        boolean usable = status.state() != ArticleTopic.State.MISCONFIGURED;
        return HealthCheckResponse.named("feed")
                .status(updater.isCaughtUp() && usable)
                .withData("caughtUp", updater.isCaughtUp())
                .withData("articles", view.size())
                .withData("skippedRecords", updater.skippedRecords())
                .withData("topic", status.detail())
                .build();
    }
}
