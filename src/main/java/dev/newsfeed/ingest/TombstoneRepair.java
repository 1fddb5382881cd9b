package dev.newsfeed.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;
import dev.newsfeed.log.LogValues;
import dev.newsfeed.follower.ViewUpdater;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.LogPosition;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Finishes what a write left half-done on the articles topic, every {@code newsfeed.ingest.tombstone-repair-interval},
 * decided on a view that first catches up with everything Kafka acknowledged ({@link ViewSync}):
 * <ul>
 * <li>Retractions whose tombstone was never written. A retraction is two records: the retraction, which hides the
 * article from every view, then the tombstone, which lets compaction drop its text and tells subscribers. When the
 * instance that retracted stopped or lost Kafka between the two, nobody else would write the tombstone: this writes
 * it for each retraction older than the interval plus twice the publish timeout.</li>
 * <li>Versions that a tombstone meant for another version came after: a tombstone decided on a view that had not yet
 * seen a newer version (here, or on another instance) would let compaction drop that version. Every view keeps
 * showing it (a tombstone names the text it removes), and this writes it again, the same record, after the
 * tombstone.</li>
 * </ul>
 * Every instance may do so: a tombstone or a version written twice is one change (same key, same text, same time,
 * same event id).
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
    private final ViewSync sync;
    private final IdTurns turns;
    private ScheduledExecutorService timer;

    TombstoneRepair(FeedView view, ArticlePublisher publisher, ViewUpdater updater, IntakeGate gate,
            IngestSettings settings, ViewSync sync, IdTurns turns) {
        this.view = view;
        this.publisher = publisher;
        this.updater = updater;
        this.gate = gate;
        this.settings = settings;
        this.sync = sync;
        this.turns = turns;
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

    /** Writes the missing tombstones and the shadowed versions the view shows now; the number of records written. */
    int repair() {
        if (!updater.isCaughtUp() || gate.isClosed()) {
            return 0;
        }
        Duration wait = settings.visibleTimeout().plus(settings.publishTimeout()).plusSeconds(2);
        sync.caughtUp().await().atMost(wait);
        // A younger retraction may still have its tombstone on the way from the instance that wrote it, or be
        // in the hands of a client retrying its DELETE.
        Instant settled = Instant.now().minus(settings.tombstoneRepairInterval())
                .minus(settings.publishTimeout().multipliedBy(2));
        int tombstones = 0;
        for (Retraction retraction : view.awaitingTombstone(BATCH)) {
            if (retraction.retractedAt().isAfter(settled)) {
                continue;
            }
            write(retraction.id(), publisher.tombstone(retraction), wait);
            tombstones++;
        }
        int versions = 0;
        for (Article version : view.awaitingRewrite(BATCH)) {
            write(version.id(), publisher.publish(version), wait);
            versions++;
        }
        if (tombstones > 0) {
            LOG.infof("Wrote %d missing tombstone(s) of retracted articles", tombstones);
        }
        if (versions > 0) {
            LOG.warnf("Wrote %d article version(s) again after a tombstone that was not meant for them (a retraction"
                    + " decided on a view that had not seen them yet)", versions);
        }
        return tombstones + versions;
    }

    /** A write in the id's turn, so that it does not race a write of the same id on this instance. */
    private void write(String id, Uni<LogPosition> record, Duration wait) {
        gate.track(turns.inTurn(id, () -> record)).await().atMost(wait);
    }
}
