package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

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
import dev.newsfeed.feed.ArticleNotFoundException;
import dev.newsfeed.log.LogValues;
import dev.newsfeed.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Turns a source into a published article version, once: a source whose text the feed already holds under
 * its id is not published again, and an edited one keeps its first publication time. A source that is not
 * an article goes to the dead-letter topic with its reason. Every outcome is entered in the ledger.
 *
 * <p>Every decision (new, edited, unchanged, retracted?) is taken on a view that holds everything Kafka had
 * acknowledged when the write came ({@link ViewSync}), one write of an id at a time on this instance
 * ({@link IdTurns}); a version whose write failed is written again as it was ({@link UnsettledWrites}). So a lagging
 * view never publishes twice what Kafka acknowledged once, and a resend is never a second version.
 *
 * <p>The returned {@link Uni} fails only when nothing could be decided or Kafka did not acknowledge what had to be
 * written: the source is then left pending, for its caller to retry.
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
    private final IdTurns turns;
    private final ViewSync sync;
    private final UnsettledWrites unsettled;
    private final OwnWrites own;
    private final Duration visibleTimeout;
    private final Duration kafkaGuard;

    ArticleIngestor(ArticlePublisher publisher, DeadLetterPublisher deadLetters, FeedView view, SourceLedger ledger,
            IngestMetrics metrics, ArticleEnricher enricher, IngestLog log, IdTurns turns, ViewSync sync,
            UnsettledWrites unsettled, OwnWrites own, IngestSettings settings) {
        this.own = own;
        this.turns = turns;
        this.sync = sync;
        this.unsettled = unsettled;
        this.visibleTimeout = settings.visibleTimeout();
        // Past the producers' own delivery timeout (not longer than the publish timeout): their answer comes first.
        this.kafkaGuard = settings.publishTimeout().plusSeconds(2);
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

    /** Publishes text already parsed (an HTTP submission), under an id chosen by the caller; edits allowed. */
    public Uni<IngestOutcome> publish(String id, String source, ArticleText text) {
        return publish(id, source, text, true);
    }

    /**
     * Publishes text already parsed under an id chosen by the caller: once per id on this instance at a time, and
     * decided on a view that holds everything Kafka acknowledged before (see {@link ViewSync}).
     *
     * @param edits whether another text under the id is an edit; when not, it is a {@link IngestOutcome.Result#CONFLICT}
     */
    public Uni<IngestOutcome> publish(String id, String source, ArticleText text, boolean edits) {
        return turns.inTurn(id, () -> sync.caughtUp(id)
                .onFailure().invoke(failure -> ledger.pending(source, id, "waiting for Kafka: " + failure.getMessage()))
                .chain(() -> decideAndWrite(id, source, text, edits)));
    }

    /**
     * A new version of an article submitted over HTTP: 404 when no article has the id, 409 when it comes from a file
     * (the file's next change would overwrite the edit). Decided, like any publication, on a caught-up view.
     */
    public Uni<IngestOutcome> edit(String id, ArticleText text) {
        return turns.inTurn(id, () -> sync.caughtUp(id).chain(() -> {
            Article current = view.find(id).orElseThrow(() -> new ArticleNotFoundException(id));
            if (current.source().startsWith("file:")) {
                throw new ProblemException(409, "Article comes from a file", "article '" + id
                        + "' is published from " + current.source() + "; edit that file instead, or it would"
                        + " overwrite this edit");
            }
            return decideAndWrite(id, current.source(), text, true);
        }));
    }

    private Uni<IngestOutcome> decideAndWrite(String id, String source, ArticleText text, boolean edits) {
        FeedView.Known known = view.known(id);
        // Hashed once: each hash encodes the whole text again.
        String contentHash = text.contentHash();
        // Any retraction of this text, even with a newer version shown since: the view hides that text for good.
        Optional<Retraction> retraction = known.retraction();
        if (retraction.isPresent() && retraction.get().contentHash().equals(contentHash)) {
            ledger.published(source, id);
            return Uni.createFrom().item(IngestOutcome.retracted());
        }
        Optional<Article> current = known.shown();
        if (current.isPresent() && current.get().contentHash().equals(contentHash)) {
            ledger.published(source, id);
            metrics.unchanged();
            log.unchanged();
            return Uni.createFrom().item(IngestOutcome.unchanged(current.get()));
        }
        if (!edits && (current.isPresent() || retraction.isPresent())) {
            return Uni.createFrom().item(IngestOutcome.conflict(current.orElse(null)));
        }
        // The version a failed write of this text left unsettled, if any: written again as it was, it is the same
        // record should the first one land after all.
        Article article = unsettled.find(id, contentHash).orElseGet(() -> {
            Instant now = clock.instant();
            return enricher.enrich(current.map(previous -> previous.revisedBy(text, source, now))
                    .orElseGet(() -> Article.first(id, source, text, now)));
        });
        ledger.pending(source, id, null);
        long started = System.nanoTime();
        return acknowledged(publisher.publish(article))
                .onItem().invoke(position -> {
                    own.acknowledged(position, id);
                    unsettled.settled(id);
                    ledger.published(source, id);
                    metrics.published(System.nanoTime() - started);
                    log.published(source);
                    LOG.debugf("Published %s as article %s (%s)", LogValues.safe(source), LogValues.safe(id),
                            current.isPresent() ? "edited" : "new");
                })
                .onFailure().invoke(failure -> {
                    unsettled.failed(article);
                    ledger.pending(source, id, "waiting for Kafka: " + failure.getMessage());
                })
                .chain(position -> shown(position)
                        .map(visible -> visible ? IngestOutcome.published(article)
                                : IngestOutcome.acknowledged(article)));
    }

    /** What became of a retraction asked for by id. */
    public enum Retracted {
        /** Retracted now, and this instance's view shows it. */
        NOW,
        /** Retracted now; Kafka acknowledged it, but this instance's view did not show it in time. */
        ACKNOWLEDGED,
        /** Retracted before; its tombstone was written again, in case the first one failed. */
        BEFORE,
        /** No article has this id. */
        UNKNOWN
    }

    /**
     * Retracts the article shown under {@code id} from every view, for good: its source brings it back only once
     * changed. Decided, like a publication, on a view that holds everything Kafka acknowledged.
     */
    public Uni<Retracted> retract(String id) {
        return turns.inTurn(id, () -> sync.caughtUp(id).chain(() -> {
            Optional<Article> current = view.find(id);
            if (current.isPresent()) {
                Article article = current.get();
                Retraction retraction = new Retraction(id, clock.instant(), article.contentHash(), article.source());
                return acknowledged(publisher.retract(retraction))
                        .invoke(position -> own.acknowledged(position, id))
                        .invoke(() -> LOG.infof("Retracted article %s (%s)", LogValues.safe(id),
                                LogValues.safe(article.source())))
                        .chain(this::shown)
                        .map(visible -> visible ? Retracted.NOW : Retracted.ACKNOWLEDGED);
            }
            Optional<Retraction> retraction = view.retraction(id);
            if (retraction.isEmpty()) {
                return Uni.createFrom().item(Retracted.UNKNOWN);
            }
            // The retraction may stand without its tombstone (written second, it failed, and the client heard 503):
            // the retry writes it again. It names the text it removes, so it cannot remove a newer version.
            return acknowledged(publisher.tombstone(retraction.get())).replaceWith(Retracted.BEFORE);
        }));
    }

    /**
     * Kafka's answer to a write. The producers answer within their {@code delivery.timeout.ms}, which is not longer
     * than the publish timeout; the wait past it is a guard only, and never cancels the write itself: a client that
     * stopped waiting must not cancel it half-way.
     */
    <T> Uni<T> acknowledged(Uni<T> write) {
        CompletableFuture<T> running = write.subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(running.copy())
                .ifNoItem().after(kafkaGuard).fail()
                .onFailure().transform(failure -> failure instanceof KafkaNotAcknowledgedException ? failure
                        : new KafkaNotAcknowledgedException(failure));
    }

    /**
     * Whether this instance's view shows the record at {@code position} within the visible timeout: so that whoever
     * wrote it reads it back at once, and the next decision about the same id is taken on it.
     */
    private Uni<Boolean> shown(LogPosition position) {
        // The view completes its writers on whichever thread made the record visible: its reader, or the event loop
        // of another request (a stream subscribing refreshes it). The rest of this write must not run there: the
        // HTTP answer's callback carries its request's CDI request scope (context propagation), and activating it in
        // another request's Vert.x context leaves it there, where deactivating it again does nothing (issue 10).
        return Uni.createFrom().completionStage(() -> view.applied(position, visibleTimeout))
                .replaceWith(true)
                .onFailure(TimeoutException.class).recoverWithItem(false)
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
