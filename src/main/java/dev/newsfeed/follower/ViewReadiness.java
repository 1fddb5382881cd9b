package dev.newsfeed.follower;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.view.FeedView;

/**
 * Ready while this instance serves a whole, current feed: the view has caught up with the topics in its current pass
 * (not while it rebuilds), its reader runs and its last round completed, it is not behind the brokers' end offsets
 * without progress for longer than {@code newsfeed.view.stall-timeout} (measured outside the reader,
 * {@link ViewLag}), its index can be written, no partition was refused, and the topic does not delete articles.
 * A Kafka outage alone does not make it DOWN: the instance keeps serving the feed it has (the {@code kafka} group
 * reports the outage).
 */
@Readiness
@ApplicationScoped
public class ViewReadiness implements HealthCheck {

    private final ViewUpdater updater;
    private final ViewLag lag;
    private final FeedView view;
    private final ArticleTopic topic;
    private final Duration stallTimeout;

    ViewReadiness(ViewUpdater updater, ViewLag lag, FeedView view, ArticleTopic topic, ViewSettings settings) {
        this.updater = updater;
        this.lag = lag;
        this.view = view;
        this.topic = topic;
        this.stallTimeout = settings.stallTimeout();
    }

    @Override
    public HealthCheckResponse call() {
        ArticleTopicReader reader = updater.reader();
        ViewCondition condition = lag.condition(stallTimeout);
        ArticleTopic.Status status = topic.status();
        boolean usable = status.state() != ArticleTopic.State.MISCONFIGURED;
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feed")
                .status(condition.ready() && usable)
                .withData("caughtUp", condition.caughtUp())
                .withData("rebuilding", condition.rebuilding())
                .withData("reading", condition.reading())
                .withData("lastRoundCompleted", condition.healthy())
                .withData("lagRecords", condition.lagRecords())
                .withData("stalled", condition.stalled())
                .withData("articles", view.size())
                .withData("skippedRecords", reader.skippedRecords())
                .withData("readerFailures", reader.failures())
                .withData("topic", status.detail());
        if (!condition.refused().isEmpty()) {
            response.withData("refusedPartitions", condition.refused().toString()
                    + ": added after the view read the topics; see README, Partitions");
        }
        if (condition.writerFailure() != null) {
            response.withData("indexWriterFailure", condition.writerFailure());
        }
        if (reader.lastFailure() != null) {
            response.withData("lastReaderFailure", reader.lastFailure());
        }
        return response.build();
    }
}
