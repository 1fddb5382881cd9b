package dev.newsfeed.feed;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.KafkaClients;
import dev.newsfeed.kafka.KafkaUnavailableException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this instance's {@link FeedView} up to date from the articles topic, on a thread of its own, from
 * start-up to shutdown. Start-up does not wait for Kafka: until the view has caught up, the feed answers
 * 503 and readiness is DOWN.
 */
@ApplicationScoped
public class FeedUpdater {

    private static final Logger LOG = Logger.getLogger(FeedUpdater.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final FeedView view = new FeedView();
    private final ArticleTopic topic;
    private final ArticleTopicReader reader;
    private volatile boolean stopping;
    private volatile boolean reading;
    private Thread thread;

    FeedUpdater(ArticleTopic topic, KafkaClients clients, ObjectMapper json) {
        this.topic = topic;
        this.reader = new ArticleTopicReader(clients.consumerConfig(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "newsfeed-view")), topic.name(), topic.retractionsName(), view, json);
    }

    @Produces
    @Singleton
    FeedView view() {
        return view;
    }

    /** Completes once the view holds everything the topic held when this instance started reading it. */
    public CompletionStage<Void> caughtUp() {
        return reader.caughtUp();
    }

    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    public long skippedRecords() {
        return reader.skippedRecords();
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::checkTopicThenRead, "newsfeed-feed-updater");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        reader.close();
        if (thread != null) {
            if (!reading) {
                // Still waiting for Kafka to check the topic; the reader itself closes on its wakeup.
                thread.interrupt();
            }
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    private void checkTopicThenRead() {
        Duration backoff = Duration.ofMillis(500);
        while (!stopping) {
            try {
                topic.ensure();
                break;
            } catch (KafkaUnavailableException e) {
                LOG.warnf("%s; trying again in %d ms", e.getMessage(), backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        if (!stopping) {
            ArticleTopic.Identity identity = topic.identity();
            view.horizon(new ChangeHorizon(identity.topicId(), view.horizon().logStarts(),
                    identity.tombstoneRetention()));
            reading = true;
            reader.run();
        }
    }
}
