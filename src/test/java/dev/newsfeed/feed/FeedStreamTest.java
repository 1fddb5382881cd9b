package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.Topics;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

/** One stream connection without HTTP: replay then live in order, and the bounded buffer of a slow client. */
class FeedStreamTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final FeedView view = FeedView.inMemory();
    private final Topics topics = new Topics();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicBoolean onCloseRan = new AtomicBoolean();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
        view.close();
    }

    @Test
    void replaysWhatCameAfterTheClientsSequenceThenSendsLiveChanges() {
        view.apply(List.of(topics.version(article("seen")), topics.version(article("missed"))));
        ChangeSequence afterSeen = ChangeSequence
                .decode(view.changes(ChangeSequence.beginning(), 1, FeedFilter.NONE).next());
        RecordingSink sink = new RecordingSink(true);
        FeedStream stream = stream(sink, 10);

        stream.start(afterSeen);
        view.apply(List.of(topics.version(article("live"))));

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.changeIds().size() == 2);
        assertThat(sink.changeIds()).containsExactly("missed", "live");
        String lastId = sink.events.get(sink.events.size() - 1).getId();
        assertThat(view.changes(ChangeSequence.decode(lastId), 10, FeedFilter.NONE).changes())
                .as("nothing left after the last event id").isEmpty();
        assertThat(sink.events.get(0).getComment()).as("the greeting opens the response").isNotNull();
    }

    @Test
    void clientThatLetsItsBufferFillIsDisconnectedAndForgotten() {
        RecordingSink stalled = new RecordingSink(false);
        FeedStream stream = stream(stalled, 3);
        stream.start(null);

        for (int i = 0; i < 3; i++) {
            view.apply(List.of(topics.version(article("kept-" + i))));
        }
        assertThat(stream.isClosed()).as("three changes fit the buffer").isFalse();
        view.apply(List.of(topics.version(article("one-too-many"))));

        await().atMost(Duration.ofSeconds(5)).until(stalled.closed::get);
        assertThat(onCloseRan).isTrue();
        assertThat(stream.buffered()).isZero();
        view.apply(List.of(topics.version(article("after-close"))));
        assertThat(stream.buffered()).as("no longer listening").isZero();
    }

    @Test
    void changeThatCannotBeWrittenEndsTheStreamInsteadOfMutingIt() {
        // Issue 9, finding 14: a failing event left the stream holding its sending turn, silent for good.
        RecordingSink sink = new RecordingSink(true);
        ObjectMapper withoutTimes = new ObjectMapper();
        FeedStream stream = new FeedStream(sink, SseImpl.INSTANCE, view, FeedFilter.NONE, withoutTimes.writer(), 10,
                executor, closed -> onCloseRan.set(true));
        stream.start(null);

        view.apply(List.of(topics.version(article("unwritable"))));

        await().atMost(Duration.ofSeconds(5)).until(sink.closed::get);
        assertThat(onCloseRan).isTrue();
        assertThat(stream.isClosed()).isTrue();
    }

    private FeedStream stream(SseEventSink sink, int buffer) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        return new FeedStream(sink, SseImpl.INSTANCE, view, FeedFilter.NONE, json.writer(), buffer, executor,
                closed -> onCloseRan.set(true));
    }

    private static Article article(String id) {
        ArticleText text = new ArticleText("Title " + id, null, null, List.of("Body."));
        return Article.first(id, "file:" + id + ".txt", text, T0);
    }

    /** A client that takes every event at once, or one that never takes any (the send never completes). */
    private static final class RecordingSink implements SseEventSink {

        final List<OutboundSseEvent> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        private final boolean reading;

        RecordingSink(boolean reading) {
            this.reading = reading;
        }

        List<String> changeIds() {
            return events.stream().filter(event -> event.getData() != null)
                    .map(event -> ((String) event.getData()).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
        }

        @Override
        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            events.add(event);
            return reading ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
