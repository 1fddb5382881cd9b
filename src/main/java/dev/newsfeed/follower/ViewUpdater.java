package dev.newsfeed.follower;

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
 * wait for Kafka: until the view has caught up, the feed answers 503 and readiness is DOWN. The view is opened by
 * the first that needs it, this thread once it has checked the topics or a bean of the service: the index's opening
 * and the topic check, each a few hundred milliseconds at start-up, go on side by side (issue 10).
 */
@ApplicationScoped
public class ViewUpdater {

    private static final Logger LOG = Logger.getLogger(ViewUpdater.class);

    private final ArticleTopic topic;
    private final KafkaClients clients;
    private final ViewSettings settings;
    private FeedView view;
    // Volatile: every feed request asks whether the view has caught up, on the IO threads, without taking the lock.
    private volatile ArticleTopicReader reader;
    private volatile boolean stopping;
    private volatile boolean reading;
    private volatile Thread thread;

    ViewUpdater(ArticleTopic topic, KafkaClients clients, ViewSettings settings) {
        this.topic = topic;
        this.clients = clients;
        this.settings = settings;
    }

    @Produces
    @Singleton
    synchronized FeedView view() {
        if (view == null) {
            view = FeedView.open(settings.dataDir());
        }
        return view;
    }

    ArticleTopicReader reader() {
        ArticleTopicReader known = reader;
        return known != null ? known : createReader();
    }

    private synchronized ArticleTopicReader createReader() {
        if (reader == null) {
            reader = new ArticleTopicReader(clients.consumerConfig(Map.of(
                    ConsumerConfig.CLIENT_ID_CONFIG, "newsfeed-view")), topic.name(), topic.retractionsName(), view(),
                    new ArticleTopicReader.Pacing(Duration.ofMillis(500), settings.maxBackoff(),
                            settings.commitInterval(), ArticleTopicReader.Pacing.DEFAULT.pollTimeout()),
                    Clock.systemUTC());
        }
        return reader;
    }

    /** Completes once the view holds everything the topic held when this instance started reading it. */
    public CompletionStage<Void> caughtUp() {
        return reader().caughtUp();
    }

    /** Whether the view holds everything the topics held when its current pass began: false while it rebuilds. */
    public boolean isCaughtUp() {
        return reader().isCaughtUp();
    }

    /** Whether the reading thread ended while the service runs: only an error of the virtual machine ends it. */
    boolean readerEnded() {
        Thread reading = thread;
        return reading != null && !reading.isAlive() && !stopping;
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
        ArticleTopicReader reader;
        synchronized (this) {
            // Under the lock the reading thread takes its reader with: either it has one, closed here, or it stops.
            stopping = true;
            reader = this.reader;
        }
        if (reader != null) {
            reader.close();
        }
        if (thread != null) {
            if (!reading) {
                // Still waiting for Kafka to check the topic; the reader itself closes on its wakeup.
                thread.interrupt();
            }
            thread.join(Duration.ofSeconds(10).toMillis());
        }
        // Written with its positions, so that the next start reads only what came after.
        synchronized (this) {
            if (view != null) {
                view.close();
            }
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
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
        if (!stopping) {
            ArticleTopic.Identity identity = topic.identity();
            FeedView view = view();
            view.horizon(new ChangeHorizon(identity.topicId(), view.horizon().logStarts(),
                    identity.tombstoneRetention()));
            ArticleTopicReader reader;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                reader = reader();
            }
            reader.topicIds(new ArticleTopicReader.TopicIds(identity.topicId(), identity.retractionsTopicId()));
            // Asked again every few seconds: a topic deleted and created again under a running reader is rebuilt.
            reader.followTopicIds(() -> topic.currentIds()
                    .map(ids -> new ArticleTopicReader.TopicIds(ids.articles(), ids.retractions())).orElse(null));
            reading = true;
            reader.run();
        }
    }
}
