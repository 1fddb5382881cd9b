package dev.newsfeed.follower;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.newsfeed.kafka.LogEnds;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Asks the brokers every second where the topics end, on a thread of its own, so that the view's lag is measured
 * from outside the reader: a reader hung in a batch or a commit cannot report itself caught up. Publishes the lag of
 * each partition as {@code newsfeed.feed.lag.records{topic,partition}}.
 */
@ApplicationScoped
public class ViewLag {

    private static final Logger LOG = Logger.getLogger(ViewLag.class);
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final LogEnds logEnds;
    private final ViewUpdater updater;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Set<TopicPartition> metered = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "newsfeed-view-lag");
        t.setDaemon(true);
        return t;
    });
    // Null until the brokers first answered; kept through an outage, when the ends cannot move anyway.
    private volatile Map<TopicPartition, Long> ends;
    private volatile Instant measuredAt;

    ViewLag(LogEnds logEnds, ViewUpdater updater, MeterRegistry registry) {
        this.logEnds = logEnds;
        this.updater = updater;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        thread.scheduleWithFixedDelay(this::measure, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        thread.shutdownNow();
    }

    /** The end offsets last read, or null while the brokers never answered. */
    public Map<TopicPartition, Long> ends() {
        return ends;
    }

    public Instant measuredAt() {
        return measuredAt;
    }

    /** The view's condition now, against the last end offsets read. */
    public ViewCondition condition(Duration stallTimeout) {
        return ViewCondition.of(updater.reader(), ends, clock.instant(), stallTimeout);
    }

    private void measure() {
        try {
            Map<TopicPartition, Long> read = logEnds.read().toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ends = read;
            measuredAt = clock.instant();
            read.keySet().stream().filter(metered::add).forEach(this::meter);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("The end offsets of the topics could not be read: %s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("Measuring the view's lag failed: %s", e);
        }
    }

    private void meter(TopicPartition partition) {
        Gauge.builder("newsfeed.feed.lag.records", this, lag -> lag.lagOf(partition))
                .description("Records between what the view applied and the end of the partition, as the brokers"
                        + " report it; -1 while unknown")
                .tag("topic", partition.topic()).tag("partition", String.valueOf(partition.partition()))
                .register(registry);
    }

    private double lagOf(TopicPartition partition) {
        Map<TopicPartition, Long> known = ends;
        if (known == null || !known.containsKey(partition)) {
            return -1;
        }
        ArticleTopicReader reader = updater.reader();
        Long lag = ViewCondition.lag(Map.of(partition, known.get(partition)), reader.progress().snapshot()
                .positions(), reader.refusedPartitions()).get(partition);
        return lag == null ? -1 : lag;
    }
}
