package dev.newsfeed.reader;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.KafkaClients;
import dev.newsfeed.kafka.KafkaUnavailableException;
import dev.newsfeed.view.ChangeHorizon;
import dev.newsfeed.view.FeedView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this instance's {@link FeedView} up to date from the topics, on a thread of its own, from start-up to
 * shutdown, and commits it at shutdown so that the next start reads only what came after. Start-up does not
 * wait for Kafka: until the view has caught up, the feed answers 503 and readiness is DOWN.
 */
@ApplicationScoped
public class ViewUpdater {

    private static final Logger LOG = Logger.getLogger(ViewUpdater.class);

    private final FeedView view;
    private final ArticleTopic topic;
    private final ArticleTopicReader reader;
    private final ViewSettings settings;
    private volatile boolean stopping;
    private volatile boolean reading;
    private Thread thread;

    ViewUpdater(ArticleTopic topic, KafkaClients clients, ViewSettings settings) {
        this.topic = topic;
        this.settings = settings;
        this.view = FeedView.open(settings.dataDir());
        this.reader = new ArticleTopicReader(clients.consumerConfig(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "newsfeed-view")), topic.name(), topic.retractionsName(), view,
                new ArticleTopicReader.Pacing(Duration.ofMillis(500), settings.maxBackoff(), settings.commitInterval(),
                        ArticleTopicReader.Pacing.DEFAULT.pollTimeout()),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    FeedView view() {
        return view;
    }

    ArticleTopicReader reader() {
        return reader;
    }

    /** Completes once the view holds everything the topic held when this instance started reading it. */
    public CompletionStage<Void> caughtUp() {
        return reader.caughtUp();
    }

    public boolean isCaughtUp() {
        return reader.isCaughtUp();
    }

    /**
     * Right after the embedded broker and the broker probe, before the other start-up observers (the messaging
     * channels among them): reading the topics is what readiness waits for, and it goes on while the rest of the
     * service starts.
     */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 2) StartupEvent event) {
        thread = new Thread(this::checkTopicThenRead, "newsfeed-view-reader");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((failed, e) -> LOG.errorf(e, "The feed view's reader died"));
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
        // Written with its positions, so that the next start reads only what came after.
        view.close();
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
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        if (!stopping) {
            ArticleTopic.Identity identity = topic.identity();
            view.horizon(new ChangeHorizon(identity.topicId(), view.horizon().logStarts(),
                    identity.tombstoneRetention()));
            reader.topicIds(new ArticleTopicReader.TopicIds(identity.topicId(), identity.retractionsTopicId()));
            reading = true;
            reader.run();
        }
    }
}
