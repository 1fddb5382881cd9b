package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.LogPosition;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleField;
import dev.newsfeed.article.ArticleParseException;
import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;
import dev.newsfeed.enrich.ArticleEnricher;
import dev.newsfeed.log.LogValues;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns a source into a published article version, once: a source whose text the feed already holds under
 * its id is not published again, and an edited one keeps its first publication time. A source that is not
 * an article goes to the dead-letter topic with its reason. Every outcome is entered in the ledger.
 *
 * <p>The returned {@link Uni} fails only when Kafka did not acknowledge what had to be written: the source is
 * then left pending, for its caller to retry.
 */
@ApplicationScoped
public class ArticleIngestor {

    private static final Logger LOG = Logger.getLogger(ArticleIngestor.class);

    private final ArticleParser parser = new ArticleParser();
    private final ArticlePublisher publisher;
    private final DeadLetterPublisher deadLetters;
    private final FeedView view;
    private final SourceLedger ledger;
    private final IngestMetrics metrics;
    private final ArticleEnricher enricher;
    private final IngestLog log;
    private final Clock clock = Clock.systemUTC();

    ArticleIngestor(ArticlePublisher publisher, DeadLetterPublisher deadLetters, FeedView view, SourceLedger ledger,
            IngestMetrics metrics, ArticleEnricher enricher, IngestLog log) {
        this.enricher = enricher;
        this.log = log;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.view = view;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    public Uni<IngestOutcome> ingest(SourceDocument document) {
        // A file's path is its article's source, so the rule on an article's characters holds for it too.
        ArticleField.Problem misnamed = ArticleField.SOURCE.problemWith(document.source());
        if (misnamed != null) {
            return refuse(document, document.content().length, null, Rejection.of(misnamed));
        }
        ArticleText text;
        try {
            text = parser.parse(document.content());
        } catch (ArticleParseException e) {
            return refuse(document, document.content().length, null, Rejection.of(e));
        }
        return publish(document.id(), document.source(), text);
    }

    /** Publishes text already parsed (an HTTP submission), under an id chosen by the caller. */
    public Uni<IngestOutcome> publish(String id, String source, ArticleText text) {
        FeedView.Known known = view.known(id);
        // Any retraction of this text, even with a newer version shown since: the view hides that text for good.
        Optional<Retraction> retraction = known.retraction();
        if (retraction.isPresent() && retraction.get().contentHash().equals(text.contentHash())) {
            ledger.published(source, id);
            return Uni.createFrom().item(IngestOutcome.retracted());
        }
        Optional<Article> current = known.shown();
        if (current.isPresent() && current.get().contentHash().equals(text.contentHash())) {
            ledger.published(source, id);
            metrics.unchanged();
            log.unchanged();
            return Uni.createFrom().item(IngestOutcome.unchanged(current.get()));
        }
        Instant now = clock.instant();
        Article article = enricher.enrich(current.map(previous -> previous.revisedBy(text, source, now))
                .orElseGet(() -> Article.first(id, source, text, now)));
        ledger.pending(source, id, null);
        long started = System.nanoTime();
        return publisher.publish(article, current.isPresent()
                ? ArticlePublisher.EventType.UPDATED : ArticlePublisher.EventType.PUBLISHED)
                .onItem().invoke(() -> {
                    ledger.published(source, id);
                    metrics.published(System.nanoTime() - started);
                    log.published(source);
                    LOG.debugf("Published %s as article %s (%s)", LogValues.safe(source), LogValues.safe(id),
                            current.isPresent() ? "edited" : "new");
                })
                .onFailure().invoke(failure -> ledger.pending(source, id, "waiting for Kafka: " + failure.getMessage()))
                .chain(this::appliedByView)
                .replaceWith(IngestOutcome.published(article));
    }

    /** Retracts an article from every view, for good: its source brings it back only once changed. */
    public Uni<Void> retract(Article article) {
        Retraction retraction = new Retraction(article.id(), clock.instant(), article.contentHash(), article.source());
        return publisher.retract(retraction)
                .invoke(() -> LOG.infof("Retracted article %s (%s)", LogValues.safe(article.id()),
                        LogValues.safe(article.source())))
                .chain(this::appliedByView);
    }

    /**
     * Waits for this instance's view to apply what Kafka acknowledged, so that whoever wrote it reads it back
     * at once, and the next decision about the same id (unchanged? edited?) is taken on it.
     */
    private Uni<Void> appliedByView(LogPosition position) {
        // The view completes its writers on whichever thread made the record visible: its reader, or the event loop
        // of another request (a stream subscribing refreshes it). The rest of this write must not run there: the
        // HTTP answer's callback carries its request's CDI request scope (context propagation), and activating it in
        // another request's Vert.x context leaves it there, where deactivating it again does nothing (issue 10).
        return Uni.createFrom().completionStage(() -> view.applied(position))
                .emitOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Refuses a source: logs it (a bounded number per interval, {@link IngestLog}), enters it in the ledger, and keeps it on the dead-letter topic.
     *
     * @param sha256 the hash of the whole source when {@code document} holds only its head; null otherwise
     */
    public Uni<IngestOutcome> refuse(SourceDocument document, long size, String sha256, Rejection rejection) {
        if (log.refused()) {
            LOG.warnf("Refused %s: %s", LogValues.safe(document.source()), LogValues.safe(rejection));
        } else {
            LOG.debugf("Refused %s: %s", LogValues.safe(document.source()), LogValues.safe(rejection));
        }
        ledger.failed(document.source(), document.id(), rejection.toString());
        metrics.rejected(rejection.reason());
        Uni<Void> kept = sha256 == null
                ? deadLetters.publish(document.source(), document.content(), rejection)
                : deadLetters.publish(document.source(), document.content(), size, sha256, rejection);
        return kept.replaceWith(IngestOutcome.rejected(rejection));
    }
}
