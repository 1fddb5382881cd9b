package dev.newsfeed.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.newsfeed.feed.FeedUpdater;
import dev.newsfeed.kafka.ArticleTopic;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Publishes the ingest folder's articles once the feed view has caught up with the topic, so that what the
 * topic already holds is recognised and not published again: a restart republishes nothing.
 */
@ApplicationScoped
public class FolderIngest {

    private static final Logger LOG = Logger.getLogger(FolderIngest.class);
    /** Sends in flight at once: enough to keep the producer's batches full, few enough to bound memory. */
    private static final int CONCURRENCY = 16;

    private final IngestSettings settings;
    private final ArticleIngestor ingestor;
    private final FeedUpdater updater;
    private final ArticleTopic topic;

    FolderIngest(IngestSettings settings, ArticleIngestor ingestor, FeedUpdater updater, ArticleTopic topic) {
        this.settings = settings;
        this.ingestor = ingestor;
        this.updater = updater;
        this.topic = topic;
    }

    void start(@Observes StartupEvent event) {
        if (!settings.folderEnabled()) {
            LOG.info("Ingest folder disabled (newsfeed.ingest.folder-enabled=false)");
            return;
        }
        updater.caughtUp().thenRun(() -> scan().subscribe().with(
                counts -> { },
                failure -> LOG.errorf(failure, "Scan of the ingest folder %s failed", settings.folder())));
    }

    /** Ingests every article file of the folder and counts the outcomes. */
    public Uni<Map<IngestOutcome.Result, Integer>> scan() {
        FolderScanner scanner = new FolderScanner(Path.of(settings.folder()), settings.maxBytes());
        if (!Files.isDirectory(scanner.folder())) {
            LOG.warnf("Ingest folder %s does not exist; nothing to ingest", scanner.folder());
            return Uni.createFrom().item(Map.of());
        }
        if (topic.status().state() != ArticleTopic.State.READY) {
            LOG.errorf("Not ingesting %s: %s", scanner.folder(), topic.status().detail());
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().item(() -> files(scanner))
                .onItem().transformToMulti(files -> Multi.createFrom().iterable(files))
                .onItem().transformToUni(file -> ingest(scanner, file)).merge(CONCURRENCY)
                .collect().in(() -> new EnumMap<IngestOutcome.Result, Integer>(IngestOutcome.Result.class),
                        (counts, outcome) -> counts.merge(outcome.result(), 1, Integer::sum))
                .invoke(counts -> LOG.infof("Ingest folder %s: %s", scanner.folder(), counts))
                .map(Map::copyOf);
    }

    private Uni<IngestOutcome> ingest(FolderScanner scanner, Path file) {
        SourceDocument document;
        try {
            document = scanner.read(file);
        } catch (IOException e) {
            LOG.warnf("Refused %s: %s", file, e.getMessage());
            return Uni.createFrom().item(IngestOutcome.rejected(e.getMessage()));
        }
        return ingestor.ingest(document)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(10)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("Could not publish %s: %s", document.source(), failure.getMessage());
                    return IngestOutcome.rejected("not published: " + failure.getMessage());
                });
    }

    private static java.util.List<Path> files(FolderScanner scanner) {
        try {
            return scanner.files();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
