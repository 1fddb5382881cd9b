package dev.newsfeed.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.reader.ViewUpdater;
import dev.newsfeed.kafka.ArticleTopic;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

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
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";

    private final IngestSettings settings;
    private final ArticleIngestor ingestor;
    private final ViewUpdater updater;
    private final ArticleTopic topic;
    private final FolderScanner scanner;
    private volatile FolderWatcher watcher;

    FolderIngest(IngestSettings settings, ArticleIngestor ingestor, ViewUpdater updater, ArticleTopic topic) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.updater = updater;
        this.topic = topic;
        this.scanner = new FolderScanner(Path.of(settings.folder()), settings.maxBytes(),
                settings.completion() == IngestSettings.Completion.move ? Set.of(PROCESSED, FAILED) : Set.of());
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
        Uni<IngestOutcome> outcome;
        try {
            outcome = ingestor.ingest(scanner.read(file));
        } catch (FolderScanner.FileTooLargeException e) {
            outcome = ingestor.refuse(e.head(), e.size(), e.sha256(), Rejection.tooLarge(e.getMessage()));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (settings.completion() == IngestSettings.Completion.move) {
            // Only once Kafka has acknowledged the article or the dead letter: the file is all we have until then.
            outcome = outcome.call(done -> Uni.createFrom().item(() -> moveAway(file, done))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
        return outcome.subscribeAsCompletionStage();
    }

    private IngestOutcome moveAway(Path file, IngestOutcome outcome) {
        boolean refused = outcome.result() == IngestOutcome.Result.REJECTED;
        Path relative = scanner.folder().relativize(file.toAbsolutePath().normalize());
        Path target = scanner.folder().resolve(refused ? FAILED : PROCESSED).resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            if (refused) {
                Files.writeString(target.resolveSibling(target.getFileName() + ".error"),
                        outcome.rejection().toString() + System.lineSeparator());
            }
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + target, e);
        }
    }
}
