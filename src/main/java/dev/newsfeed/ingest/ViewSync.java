package dev.newsfeed.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;

import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.LogEnds;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.LogPosition;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Brings this instance's view up to everything Kafka acknowledged before a write decides anything from it (is this
 * new, edited, unchanged, retracted?). A view that lags would otherwise decide on an old state: publish again what
 * another instance already published, or write a tombstone over a version it has not seen. One round trip to the
 * brokers for the ends of the logs, shared by the writes that arrive meanwhile, then a wait for the view to reach
 * them: nothing at all when it is there already.
 */
@ApplicationScoped
public class ViewSync {

    private final LogEnds ends;
    private final FeedView view;
    private final OwnWrites own;
    private final IngestMetrics metrics;
    private final ArticleTopic topic;
    private final Duration timeout;

    ViewSync(LogEnds ends, FeedView view, OwnWrites own, ArticleTopic topic, IngestSettings settings,
            IngestMetrics metrics) {
        this.metrics = metrics;
        this.ends = ends;
        this.view = view;
        this.own = own;
        this.topic = topic;
        this.timeout = settings.visibleTimeout();
    }

    /**
     * Completes once the view shows everything acknowledged before this call, on a worker thread; fails with
     * {@link KafkaNotAcknowledgedException} when Kafka does not say where its logs end, and with
     * {@link ViewBehindException} when the view does not get there within {@code newsfeed.ingest.visible-timeout}.
     */
    public Uni<Void> caughtUp() {
        return caughtUp(null);
    }

    /**
     * Completes once the view holds everything acknowledged before this call that can decide article {@code id}:
     * once it shows everything, or once what it does not show yet is known to be this instance's own records about
     * other ids ({@link OwnWrites}), whichever comes first. Fails as {@link #caughtUp()} does.
     */
    public Uni<Void> caughtUp(String id) {
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(ends::read)
                .onFailure().transform(KafkaNotAcknowledgedException::new)
                .chain(offsets -> Uni.createFrom().completionStage(() -> reached(logs(offsets), id, started)))
                .onFailure(TimeoutException.class).transform(e -> new ViewBehindException(timeout))
                // Completed on the view's applying thread: the decision that follows must not run there.
                .emitOn(Infrastructure.getDefaultWorkerPool());
    }

    private CompletionStage<Void> reached(Map<String, Long> logs, String id, long started) {
        CompletableFuture<Void> shown = view.reached(logs, timeout).toCompletableFuture();
        if (id == null || shown.isDone()) {
            // Nothing to cover: the view's own answer (its timeout unwrapped), timed once it comes.
            shown.thenRun(() -> metrics.synced(System.nanoTime() - started, false));
            return shown;
        }
        CompletableFuture<Void> covered = own.covered(logs, id);
        // The first of the two decides; the view's failure (its timeout) only when nothing covered the gap before.
        CompletableFuture<Void> either = new CompletableFuture<>();
        covered.thenRun(() -> {
            if (either.complete(null)) {
                metrics.synced(System.nanoTime() - started, true);
            }
        });
        shown.whenComplete((done, failure) -> {
            if (failure != null) {
                either.completeExceptionally(failure);
            } else if (either.complete(null)) {
                metrics.synced(System.nanoTime() - started, false);
            }
        });
        // No waiter outlives the write.
        either.whenComplete((done, failure) -> own.forget(covered));
        return either;
    }

    private Map<String, Long> logs(Map<TopicPartition, Long> offsets) {
        Map<String, Long> logs = new HashMap<>();
        offsets.forEach((partition, end) -> logs.put(partition.topic().equals(topic.name())
                ? LogPosition.article(partition.partition(), 0).log()
                : LogPosition.retraction(partition.partition(), 0).log(), end));
        return logs;
    }
}
