package dev.newsfeed.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;
import dev.newsfeed.reader.ViewUpdater;
import dev.newsfeed.kafka.ArticleTopic;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Publishes the ingest folder's articles, first all of them, then each new or changed file, from the
 * moment the feed view has caught up with the topic: what the topic already holds is then recognised and
 * not published again, so a restart republishes nothing. Files are read off the watcher's thread and bounded
 * in time ({@link BoundedReads}), with their checks made as they are read ({@link FolderFileReader}). Whether
 * it works, and if not why, is in {@link #health()}.
 */
@ApplicationScoped
public class FolderIngest {

    private static final Logger LOG = Logger.getLogger(FolderIngest.class);
    /** Files in flight at once: enough to keep the producer's batches full, few enough to bound memory. */
    static final int MAX_IN_FLIGHT = 16;
    /** Reads at once: the disk, not the CPU, is what they wait for. */
    static final int READERS = 4;
    static final String PROCESSED = "processed";
    static final String FAILED = "failed";

    private final IngestSettings settings;
    private final ArticleIngestor ingestor;
    private final ViewUpdater updater;
    private final ArticleTopic topic;
    private final FolderScanner scanner;
    private final FolderFileReader reader;
    private final BoundedReads reads;
    private final IntakeGate gate;
    private volatile FolderWatcher watcher;
    private volatile FolderWatcher.Health notWatching =
            new FolderWatcher.Health(true, "waiting for the feed to catch up with the topic");

    FolderIngest(IngestSettings settings, ArticleIngestor ingestor, ViewUpdater updater, ArticleTopic topic,
            IntakeGate gate) {
        this.settings = settings;
        this.gate = gate;
        this.ingestor = ingestor;
        this.updater = updater;
        this.topic = topic;
        this.scanner = new FolderScanner(Path.of(settings.folder()),
                settings.completion() == IngestSettings.Completion.move ? Set.of(PROCESSED, FAILED) : Set.of());
        this.reader = new FolderFileReader(Path.of(settings.folder()), settings.maxBytes());
        this.reads = new BoundedReads(READERS, MAX_IN_FLIGHT * 4, settings.readTimeout());
    }

    void start(@Observes StartupEvent event) {
        if (!settings.folderEnabled()) {
            LOG.info("Ingest folder disabled (newsfeed.ingest.folder-enabled=false)");
            notWatching = new FolderWatcher.Health(true, "disabled (newsfeed.ingest.folder-enabled=false)");
            return;
        }
        // whenComplete, not thenRun alone: a failure of watch() must not vanish in the stage.
        updater.caughtUp().thenRun(this::watch).whenComplete((ignored, failure) -> {
            if (failure != null) {
                stopped("cannot watch the ingest folder " + scanner.folder() + ": " + failure);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopWatching();
        reads.close();
    }

    /**
     * Stops looking at the folder: no file is handed over any more, those already handed over are still read and
     * published. A file left unread is read at the next start.
     */
    public void stopWatching() {
        FolderWatcher current = watcher;
        notWatching = new FolderWatcher.Health(true, "stopped: the service is shutting down");
        watcher = null;
        if (current != null) {
            current.close();
        }
    }

    /** A watcher of the ingest folder that knows nothing yet, as after a restart. */
    public FolderWatcher newWatcher() {
        return new FolderWatcher(scanner, settings.settleTime(), settings.rescanInterval(), this::ingest,
                MAX_IN_FLIGHT, Clock.systemUTC());
    }

    /** Whether files of the folder get ingested: down, with the reason, when the watcher stopped or is stuck. */
    public FolderWatcher.Health health() {
        FolderWatcher current = watcher;
        if (current == null) {
            return notWatching;
        }
        if (reads.stuck() >= reads.threads()) {
            return new FolderWatcher.Health(false, "every folder reader is stuck in a read that never ended");
        }
        return current.health();
    }

    private void watch() {
        if (gate.isClosed()) {
            // Caught up only once shutdown had begun: the next start reads the folder.
            return;
        }
        if (!Files.isDirectory(scanner.folder())) {
            stopped("the ingest folder " + scanner.folder() + " does not exist: no file will be ingested"
                    + " (newsfeed.ingest.folder)");
            return;
        }
        if (topic.status().state() != ArticleTopic.State.READY) {
            stopped("not ingesting " + scanner.folder() + ": " + topic.status().detail());
            return;
        }
        FolderWatcher started = newWatcher();
        try {
            started.start();
            watcher = started;
            LOG.infof("Watching %s for articles (settle time %s, rescan every %s)", scanner.folder(),
                    settings.settleTime(), settings.rescanInterval());
        } catch (IOException | RuntimeException e) {
            started.close();
            stopped("cannot watch the ingest folder " + scanner.folder() + ": " + e);
        }
    }

    private void stopped(String reason) {
        String safe = LogValues.safe(reason);
        LOG.errorf("Folder ingest stopped: %s", safe);
        notWatching = new FolderWatcher.Health(false, safe);
    }

    /** Reads a file and publishes what it holds; completes with null for a file that is not read at all. */
    CompletionStage<IngestOutcome> ingest(Path file) {
        return gate.trackFile(() -> reads.run(() -> reader.read(file))
                .handle((document, failure) -> failure == null ? ingestor.ingest(document) : notRead(failure))
                .thenCompose(outcome -> completed(file, outcome).subscribeAsCompletionStage()));
    }

    /** What a file that could not be read becomes: a dead letter, nothing, or a failure to try again. */
    private Uni<IngestOutcome> notRead(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof FolderFileReader.FileTooLargeException e) {
            return ingestor.refuse(e.head(), e.size(), e.sha256(), Rejection.tooLarge(e.getMessage()));
        }
        if (cause instanceof UnreadableSourceException) {
            // Settled: it is looked at again only once it changes. Its content reaches no topic and no log.
            LOG.warnf("Not read: %s", LogValues.safe(cause.getMessage()));
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().failure(cause);
    }

    private Uni<IngestOutcome> completed(Path file, Uni<IngestOutcome> outcome) {
        if (settings.completion() != IngestSettings.Completion.move) {
            return outcome;
        }
        // Only once Kafka has acknowledged the article or the dead letter: the file is all we have until then.
        return outcome.call(done -> done == null ? Uni.createFrom().nullItem()
                : Uni.createFrom().item(() -> moveAway(file, done))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
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
