package dev.newsfeed.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.feed.FeedUpdater;
import dev.newsfeed.kafka.ArticleTopic;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the ingest folder's articles, first all of them, then each new or changed file, from the
 * moment the feed view has caught up with the topic: what the topic already holds is then recognised and
 * not published again, so a restart republishes nothing.
 */
@ApplicationScoped
public class FolderIngest {

    private static final Logger LOG = Logger.getLogger(FolderIngest.class);
    /** Files in flight at once: enough to keep the producer's batches full, few enough to bound memory. */
    static final int MAX_IN_FLIGHT = 16;

    private final IngestSettings settings;
    private final ArticleIngestor ingestor;
    private final FeedUpdater updater;
    private final ArticleTopic topic;
    private final FolderScanner scanner;
    private volatile FolderWatcher watcher;

    FolderIngest(IngestSettings settings, ArticleIngestor ingestor, FeedUpdater updater, ArticleTopic topic) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.updater = updater;
        this.topic = topic;
        this.scanner = new FolderScanner(Path.of(settings.folder()), settings.maxBytes());
    }

    void start(@Observes StartupEvent event) {
        if (!settings.folderEnabled()) {
            LOG.info("Ingest folder disabled (newsfeed.ingest.folder-enabled=false)");
            return;
        }
        updater.caughtUp().thenRun(this::watch);
    }

    void stop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** A watcher of the ingest folder that knows nothing yet, as after a restart. */
    public FolderWatcher newWatcher() {
        return new FolderWatcher(scanner, settings.settleTime(), settings.rescanInterval(), this::ingest,
                MAX_IN_FLIGHT, Clock.systemUTC());
    }

    private void watch() {
        if (!Files.isDirectory(scanner.folder())) {
            LOG.errorf("Ingest folder %s does not exist: no file will be ingested (newsfeed.ingest.folder)",
                    scanner.folder());
            return;
        }
        if (topic.status().state() != ArticleTopic.State.READY) {
            LOG.errorf("Not ingesting %s: %s", scanner.folder(), topic.status().detail());
            return;
        }
        try {
            FolderWatcher started = newWatcher();
            started.start();
            watcher = started;
            LOG.infof("Watching %s for articles (settle time %s, rescan every %s)", scanner.folder(),
                    settings.settleTime(), settings.rescanInterval());
        } catch (IOException e) {
            LOG.errorf(e, "Cannot watch the ingest folder %s", scanner.folder());
        }
    }

    private CompletionStage<IngestOutcome> ingest(Path file) {
        try {
            return ingestor.ingest(scanner.read(file)).subscribeAsCompletionStage();
        } catch (FolderScanner.FileTooLargeException e) {
            return ingestor.refuse(e.head(), e.size(), e.sha256(), Rejection.tooLarge(e.getMessage()))
                    .subscribeAsCompletionStage();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
