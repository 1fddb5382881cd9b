package dev.newsfeed.ingest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.article.Retraction;
import dev.newsfeed.log.LogValues;
import dev.newsfeed.reader.ViewUpdater;
import dev.newsfeed.view.FeedView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Finishes retractions whose tombstone was never written. A retraction is two records: the retraction, which hides
 * the article from every view, then the tombstone, which lets compaction drop its text and tells subscribers. When
 * the instance that retracted stopped or lost Kafka between the two, nobody else would write the tombstone: every
 * {@code newsfeed.ingest.tombstone-repair-interval} this writes it for each retraction older than that interval
 * plus twice the publish timeout that the view still finds without one. Every instance may do so: a tombstone
 * written twice is one change (same key, same time, same event id).
 */
@ApplicationScoped
public class TombstoneRepair {

    private static final Logger LOG = Logger.getLogger(TombstoneRepair.class);
    /** Retractions repaired per round: a backlog larger than this takes several rounds. */
    static final int BATCH = 100;

    private final FeedView view;
    private final ArticlePublisher publisher;
    private final ViewUpdater updater;
    private final IntakeGate gate;
    private final IngestSettings settings;
    private ScheduledExecutorService timer;

    TombstoneRepair(FeedView view, ArticlePublisher publisher, ViewUpdater updater, IntakeGate gate,
            IngestSettings settings) {
        this.view = view;
        this.publisher = publisher;
        this.updater = updater;
        this.gate = gate;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        long interval = settings.tombstoneRepairInterval().toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "newsfeed-tombstone-repair");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::repairQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void repairQuietly() {
        try {
            repair();
        } catch (RuntimeException e) {
            // The next round tries again; a repair that fails must not end the timer.
            LOG.warnf("Could not write missing tombstones: %s", LogValues.safe(e.toString()));
        }
    }

    /** Writes the missing tombstones the view shows now; the number written. */
    int repair() {
        if (!updater.isCaughtUp() || gate.isClosed()) {
            return 0;
        }
        // A younger retraction may still have its tombstone on the way from the instance that wrote it, or be
        // in the hands of a client retrying its DELETE.
        Instant settled = Instant.now().minus(settings.tombstoneRepairInterval())
                .minus(settings.publishTimeout().multipliedBy(2));
        List<Retraction> awaiting = view.awaitingTombstone(BATCH);
        int written = 0;
        for (Retraction retraction : awaiting) {
            if (retraction.retractedAt().isAfter(settled)) {
                continue;
            }
            gate.track(publisher.tombstone(retraction)).await().atMost(settings.publishTimeout());
            written++;
        }
        if (written > 0) {
            LOG.infof("Wrote %d missing tombstone(s) of retracted articles", written);
        }
        return written;
    }
}
