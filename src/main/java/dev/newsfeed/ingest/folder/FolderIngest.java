package dev.newsfeed.ingest.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.ingest.ArticleIngestor;
import dev.newsfeed.ingest.IngestOutcome;
import dev.newsfeed.ingest.IngestSettings;
import dev.newsfeed.ingest.IntakeGate;
import dev.newsfeed.ingest.Rejection;
import dev.newsfeed.ingest.SourceDocument;
import dev.newsfeed.log.LogValues;
import dev.newsfeed.follower.ViewUpdater;
import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.RecordTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Publishes the ingest folder's articles, first all of them, then each new or changed file, from the
 * moment the feed view has caught up with the topic: what the topic already holds is then recognised and
 * not published again, so a restart republishes nothing. Files are read off the watcher's thread and bounded
 * in time ({@link BoundedReads}), with their checks made as they are read ({@link FolderFileReader}). Whether
 * it works, and if not why, is in {@link #health()}. Of several instances sharing the folder, only the one
 * that owns it ({@link FolderOwner}) watches it; another starts watching when the folder passes to it.
 */
@ApplicationScoped
public class FolderIngest {

    private static final Logger LOG = Logger.getLogger(FolderIngest.class);
    /**
     * Files in flight at once, from the read to Kafka's acknowledgement and the view's: enough to keep several
     * producer batches filling while others are acknowledged (with 16, each file waited its turn for a whole round
     * trip, and a burst went at 400 files/s). Memory is bounded by {@link #MAX_IN_FLIGHT_BYTES} as well.
     */
    static final int MAX_IN_FLIGHT = 256;
    /** The sizes of the files in flight at once, at most: 64 files of the largest size, 16,000 of 2 KB. */
    static final long MAX_IN_FLIGHT_BYTES = 32L << 20;
    /** Reads at once, each followed on its thread by the parse, the hash and the tagging: two per core. */
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
    private final FolderOwner owner;
    /** Null with the tracing SDK off (the default): then a file is read and published with no tracing work. */
    private final Tracer tracer;
    private final OwnerLease.Owner folder = new OwnerLease.Owner() {
        @Override
        public void acquired() {
            watch();
        }

        @Override
        public void released() {
            standBy();
        }
    };
    private boolean stopping;
    private volatile FolderWatcher watcher;
    private volatile FolderWatcher.Health notWatching =
            new FolderWatcher.Health(true, "waiting for the feed to catch up with the topic");

    FolderIngest(IngestSettings settings, ArticleIngestor ingestor, ViewUpdater updater, ArticleTopic topic,
            IntakeGate gate, FolderOwner owner, RecordTracing tracing) {
        this.settings = settings;
        this.tracer = tracing.tracer("dev.newsfeed.ingest");
        this.gate = gate;
        this.ingestor = ingestor;
        this.updater = updater;
        this.topic = topic;
        this.owner = owner;
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
        updater.caughtUp().thenRun(this::askForFolder).whenComplete((ignored, failure) -> {
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
     * published. A file left unread is read at the next start. The watcher stops before the lease group hears
     * that this instance left, so the next owner starts after.
     */
    public void stopWatching() {
        owner.stop(folder);
        synchronized (this) {
            stopping = true;
            notWatching = new FolderWatcher.Health(true, "stopped: the service is shutting down");
            if (watcher != null) {
                watcher.close();
                watcher = null;
            }
        }
    }

    private void askForFolder() {
        if (owner.leaseGroup().isPresent()) {
            notWatching = new FolderWatcher.Health(true, "standing by: waiting for the folder-owner lease");
        }
        owner.follow(folder);
    }

    /** Another instance owns the folder now, or will: this one stops watching it. */
    private synchronized void standBy() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
            LOG.infof("Stopped watching %s: this instance gave up the folder-owner lease", scanner.folder());
        }
        notWatching = new FolderWatcher.Health(true, "standing by: another instance owns the ingest folder"
                + " (lease: consumer group " + owner.leaseGroup().orElse("none") + ")");
    }

    /** A watcher of the ingest folder that knows nothing yet, as after a restart. */
    public FolderWatcher newWatcher() {
        return new FolderWatcher(scanner, settings.settleTime(), settings.rescanInterval(), this::ingest,
                MAX_IN_FLIGHT, MAX_IN_FLIGHT_BYTES, Clock.systemUTC());
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

    private synchronized void watch() {
        // Caught up (or given the lease) only once shutdown had begun: the next start reads the folder.
        if (stopping || gate.isClosed() || watcher != null) {
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

    /**
     * Reads a file and publishes what it holds; completes with null for a file that is not read at all. With tracing
     * on, the file's ingest is a span, the root of its article's trace as a POST's server span is of a POST's: the
     * publishing path runs within it, and the record carries it on to the view and to push deliveries.
     */
    CompletionStage<IngestOutcome> ingest(Path file) {
        if (tracer == null) {
            return ingest(file, null);
        }
        Path path = file.toAbsolutePath().normalize();
        Span span = tracer.spanBuilder("ingest file")
                .setNoParent()
                .setAttribute("newsfeed.ingest.file", (path.startsWith(scanner.folder())
                        ? scanner.folder().relativize(path) : path.getFileName()).toString())
                .startSpan();
        try {
            return ingest(file, Context.root().with(span)).whenComplete((outcome, failure) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.toString());
                } else if (outcome != null) {
                    span.setAttribute("newsfeed.ingest.result", outcome.result().name().toLowerCase());
                }
                span.end();
            });
        } catch (RuntimeException e) {
            span.recordException(e);
            span.end();
            throw e;
        }
    }

    /** The read runs on a reader's thread: {@code trace}, when there is one, is made current for what follows it. */
    private CompletionStage<IngestOutcome> ingest(Path file, Context trace) {
        BiFunction<SourceDocument, Throwable, Uni<IngestOutcome>> publish =
                (document, failure) -> failure == null ? ingestor.ingest(document) : notRead(failure);
        Function<Uni<IngestOutcome>, CompletionStage<IngestOutcome>> complete =
                outcome -> completed(file, outcome).subscribeAsCompletionStage();
        return gate.trackFile(() -> reads.run(() -> reader.read(file))
                .handle(trace == null ? publish : trace.wrapFunction(publish))
                .thenCompose(trace == null ? complete : trace.wrapFunction(complete)));
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
