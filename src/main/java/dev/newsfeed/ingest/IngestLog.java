package dev.newsfeed.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * What ingestion logs at volume: one summary line per interval instead of a line per article (20,000 articles a
 * minute would be 20,000 lines); the ingestor logs each article at DEBUG. Refusals are logged one by one, WARN,
 * up to {@link #REFUSALS_PER_INTERVAL} per interval; the summary counts the rest, and every one of them is on the
 * dead-letter topic and in {@code GET /ingest/status}.
 */
@ApplicationScoped
public class IngestLog {

    private static final Logger LOG = Logger.getLogger(IngestLog.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int REFUSALS_PER_INTERVAL = 20;

    private final LongAdder files = new LongAdder();
    private final LongAdder http = new LongAdder();
    private final LongAdder unchanged = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final AtomicInteger refusalsLogged = new AtomicInteger();

    private ScheduledExecutorService timer;

    /** Starts the summary timer: here, not in a constructor, which ArC's client proxy runs too. */
    @PostConstruct
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "newsfeed-ingest-log");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::logSummary, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void published(String source) {
        (source.startsWith("file:") ? files : http).increment();
    }

    void unchanged() {
        unchanged.increment();
    }

    /** Counts a refusal; true while this interval's refusals may still be logged one by one. */
    boolean refused() {
        refused.increment();
        return refusalsLogged.incrementAndGet() <= REFUSALS_PER_INTERVAL;
    }

    /** The line for what happened since the last one, and starts counting afresh; null when nothing happened. */
    String summary() {
        long fromFiles = files.sumThenReset();
        long overHttp = http.sumThenReset();
        long same = unchanged.sumThenReset();
        long refusedNow = refused.sumThenReset();
        int logged = Math.min(refusalsLogged.getAndSet(0), REFUSALS_PER_INTERVAL);
        if (fromFiles + overHttp + same + refusedNow == 0) {
            return null;
        }
        long notLogged = Math.max(0, refusedNow - logged);
        return "Published " + (fromFiles + overHttp) + " articles in the last " + INTERVAL.toSeconds() + " s (files "
                + fromFiles + ", HTTP " + overHttp + "), " + same + " unchanged, " + refusedNow + " refused"
                + (notLogged > 0 ? " (" + notLogged + " not logged one by one: see GET /ingest/status)" : "");
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        // What the last interval counted, so that a short run still says what it published.
        logSummary();
    }

    private void logSummary() {
        String line = summary();
        if (line != null) {
            LOG.info(line);
        }
    }
}
