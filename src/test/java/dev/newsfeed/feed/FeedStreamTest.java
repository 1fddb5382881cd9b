package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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

import dev.newsfeed.feed.FeedStreamEvents.Fields;
import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.Topics;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

/**
 * Stream connections without HTTP: replay then live in order, the bounded buffer of a slow client, and the bytes
 * that clients of the same {@code fields} share.
 */
class FeedStreamTest {

    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    private final FeedView view = FeedView.inMemory();
    private final Topics topics = new Topics();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicBoolean onCloseRan = new AtomicBoolean();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

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
        FeedStream stream = new FeedStream(sink, SseImpl.INSTANCE, sink::write, view, FeedFilter.NONE,
                new FeedStreamEvents(withoutTimes), Fields.ALL, 10, executor, closed -> onCloseRan.set(true));
        stream.start(null);

        view.apply(List.of(topics.version(article("unwritable"))));

        await().atMost(Duration.ofSeconds(5)).until(sink.closed::get);
        assertThat(onCloseRan).isTrue();
        assertThat(stream.isClosed()).isTrue();
    }

    @Test
    void clientsOfOneFieldsVariantGetTheSameEventBytesAndNoOtherVariantsBytes() {
        // Issue 10: an event is made into bytes once per fields variant and those bytes go to every client of it.
        FeedStreamEvents shared = new FeedStreamEvents(json);
        RecordingSink firstSummary = new RecordingSink(true);
        RecordingSink secondSummary = new RecordingSink(true);
        RecordingSink full = new RecordingSink(true);
        stream(firstSummary, shared, Fields.SUMMARY).start(null);
        stream(secondSummary, shared, Fields.SUMMARY).start(null);
        stream(full, shared, Fields.ALL).start(null);

        view.apply(List.of(topics.version(article("shared-1")), topics.version(article("shared-2"))));
        view.apply(List.of(topics.version(article("shared-3"))));

        List<String> ids = List.of("shared-1", "shared-2", "shared-3");
        for (RecordingSink sink : List.of(firstSummary, secondSummary, full)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.changeIds().equals(ids));
        }
        assertThat(secondSummary.changeFrames).as("the same variant, byte for byte")
                .isEqualTo(firstSummary.changeFrames);
        assertThat(firstSummary.changeData()).allSatisfy(data -> assertThat(data).doesNotContain("\"body\""));
        assertThat(full.changeData()).allSatisfy(data -> assertThat(data).contains("\"body\":[\"Body.\"]"));
        assertThat(full.changeIds()).isEqualTo(firstSummary.changeIds());
    }

    @Test
    void clientsWithDifferentSearchesEachGetOnlyTheirMatchesOfASharedBatch() {
        // A search's answer is kept per change for the clients with the same search, and for them only.
        FeedStreamEvents shared = new FeedStreamEvents(json);
        RecordingSink otters = new RecordingSink(true);
        RecordingSink alsoOtters = new RecordingSink(true);
        RecordingSink herons = new RecordingSink(true);
        stream(otters, shared, FeedFilter.of("otter", null, null, null)).start(null);
        stream(alsoOtters, shared, FeedFilter.of("otter", null, null, null)).start(null);
        stream(herons, shared, FeedFilter.of("heron", null, null, null)).start(null);

        view.apply(List.of(topics.version(article("about-otters", "The otter swims")),
                topics.version(article("about-herons", "The heron waits"))));

        await().atMost(Duration.ofSeconds(5)).until(() -> otters.changeIds().size() == 1
                && alsoOtters.changeIds().size() == 1 && herons.changeIds().size() == 1);
        assertThat(otters.changeIds()).containsExactly("about-otters");
        assertThat(alsoOtters.changeIds()).containsExactly("about-otters");
        assertThat(herons.changeIds()).containsExactly("about-herons");
    }

    private FeedStream stream(RecordingSink sink, int buffer) {
        return new FeedStream(sink, SseImpl.INSTANCE, sink::write, view, FeedFilter.NONE, new FeedStreamEvents(json),
                Fields.ALL, buffer, executor, closed -> onCloseRan.set(true));
    }

    private FeedStream stream(RecordingSink sink, FeedStreamEvents events, Fields fields) {
        return new FeedStream(sink, SseImpl.INSTANCE, sink::write, view, FeedFilter.NONE, events, fields, 1_000,
                executor, closed -> onCloseRan.set(true));
    }

    private FeedStream stream(RecordingSink sink, FeedStreamEvents events, FeedFilter filter) {
        return new FeedStream(sink, SseImpl.INSTANCE, sink::write, view, filter, events, Fields.ALL, 1_000, executor,
                closed -> onCloseRan.set(true));
    }

    private static Article article(String id) {
        return article(id, "Title " + id);
    }

    private static Article article(String id, String title) {
        ArticleText text = new ArticleText(title, null, "Summary of " + id + ".", List.of("Body."));
        return Article.first(id, "file:" + id + ".txt", text, T0);
    }

    /**
     * A client that takes every event at once, or one that never takes any (the send never completes). What is
     * written to it as bytes is read back into events, as a client would.
     */
    private static final class RecordingSink implements SseEventSink {

        final List<OutboundSseEvent> events = new CopyOnWriteArrayList<>();
        /** Each event that carries a change, as written: its UTF-8 bytes decoded, nothing parsed. */
        final List<String> changeFrames = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        private final boolean reading;

        RecordingSink(boolean reading) {
            this.reading = reading;
        }

        List<String> changeIds() {
            return changeData().stream().map(data -> data.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
        }

        List<String> changeData() {
            return events.stream().filter(event -> event.getData() != null).map(event -> (String) event.getData())
                    .toList();
        }

        Future<Void> write(Buffer bytes) {
            for (String frame : bytes.toString(StandardCharsets.UTF_8).split("\n\n")) {
                OutboundSseEvent.Builder event = SseImpl.INSTANCE.newEventBuilder();
                for (String line : frame.split("\n")) {
                    String field = line.substring(0, line.indexOf(':'));
                    String value = line.substring(line.indexOf(':') + 1);
                    switch (field) {
                        case "" -> event.comment(value);
                        case "id" -> event.id(value);
                        case "data" -> event.data(String.class, value);
                        default -> throw new AssertionError("unexpected line " + line);
                    }
                }
                OutboundSseEvent read = event.build();
                events.add(read);
                if (read.getData() != null) {
                    changeFrames.add(frame);
                }
            }
            return reading ? Future.succeededFuture() : Promise.<Void>promise().future();
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
