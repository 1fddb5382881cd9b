package dev.newsfeed.feed;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.newsfeed.view.ChangeSequence;

/** GET /feed/stream read by a JAX-RS SseEventSource, as a Java program would, on the real broker. */
@QuarkusTest
class FeedStreamResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/feed/stream")
    URI stream;

    @Inject
    FeedStreams streams;

    @Inject
    ObjectMapper json;

    private final Client client = ClientBuilder.newClient();

    @AfterEach
    void closeClient() {
        client.close();
    }

    /**
     * Starts from no open stream: a stream another test closed counts until the server's next heartbeat finds
     * it gone, and if that happened while {@link #open} waits for one more stream, the count would not move.
     */
    @BeforeEach
    void noStreamLeftFromAnotherTest() {
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
    }

    @Test
    void eachChangeArrivesAsAnEventWhoseIdIsItsSequence() {
        List<InboundSseEvent> events = new CopyOnWriteArrayList<>();
        try (SseEventSource source = open(client.target(stream), events)) {
            String id = post("Streamed " + UUID.randomUUID(), "Body.");
            await().atMost(WAIT).until(() -> types(events, id).contains("published"));

            authorized().delete("/articles/" + id).then().statusCode(204);

            await().atMost(WAIT).until(() -> types(events, id).equals(List.of("published", "retracted")));
            InboundSseEvent published = eventsOf(events, id).get(0);
            assertThat(ChangeSequence.decode(published.getId()).isBeginning()).isFalse();
            assertThat(data(published).path("article").path("title").asText()).startsWith("Streamed");
        }
    }

    @Test
    void lastEventIdResumesWithWhatWasMissedAndNothingBefore() {
        List<InboundSseEvent> first = new CopyOnWriteArrayList<>();
        String edited;
        String lastEventId;
        try (SseEventSource source = open(client.target(stream), first)) {
            edited = post("Resumed " + UUID.randomUUID(), "Body.");
            await().atMost(WAIT).until(() -> !eventsOf(first, edited).isEmpty());
            lastEventId = eventsOf(first, edited).get(0).getId();
        }
        String missed = post("Missed " + UUID.randomUUID(), "Body.");
        authorized().contentType("application/json").body(Map.of("title", "Resumed, edited", "body", List.of("New.")))
                .put("/articles/" + edited).then().statusCode(200);

        List<InboundSseEvent> resumed = new CopyOnWriteArrayList<>();
        WebTarget resuming = client.target(stream)
                .register((ClientRequestFilter) request -> request.getHeaders()
                        .putSingle("Last-Event-ID", lastEventId));
        try (SseEventSource source = open(resuming, resumed)) {
            await().atMost(WAIT).until(() -> types(resumed, edited).contains("updated")
                    && !eventsOf(resumed, missed).isEmpty());

            assertThat(resumed.stream().map(event -> data(event).path("id").asText())
                    .filter(List.of(edited, missed)::contains))
                    .containsExactly(missed, edited);
            assertThat(types(resumed, edited)).containsExactly("updated");
        }
    }

    @Test
    void filtersSelectTheArticlesStreamed() {
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        List<InboundSseEvent> events = new CopyOnWriteArrayList<>();
        WebTarget filtered = client.target(stream).queryParam("q", word).queryParam("fields", "summary");
        try (SseEventSource source = open(filtered, events)) {
            String other = post("Unrelated " + UUID.randomUUID(), "Nothing to see.");
            String wanted = post("About the " + word, "The " + word + " escaped.");
            await().atMost(WAIT).until(() -> !eventsOf(events, wanted).isEmpty());

            assertThat(eventsOf(events, other)).isEmpty();
            assertThat(data(eventsOf(events, wanted).get(0)).path("article").has("body")).as("fields=summary")
                    .isFalse();
        }
    }

    @Test
    void clientThatWentAwayIsForgottenByTheNextHeartbeat() {
        int before = streams.openStreams();
        try (SseEventSource source = open(client.target(stream), new CopyOnWriteArrayList<>())) {
            assertThat(streams.openStreams()).isEqualTo(before + 1);
        }

        await().atMost(WAIT).until(() -> streams.openStreams() == before);
    }

    @Test
    void idleStreamSendsHeartbeatComments() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/event-stream"));
            String heartbeat = CompletableFuture.supplyAsync(() -> lines.filter(line -> line.startsWith(":heartbeat"))
                    .findFirst().orElseThrow()).get(10, TimeUnit.SECONDS);
            assertThat(heartbeat).isEqualTo(":heartbeat");
        }
    }

    @Test
    void badOrExpiredLastEventIdIsAProblemNotAStream() {
        given().accept("text/event-stream").header("Last-Event-ID", "garbage").get("/feed/stream").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("since"));
        ChangeSequence old = new ChangeSequence(null, Instant.now().minus(Duration.ofDays(30)),
                new TreeMap<>(Map.of("a0", 1L)));
        given().accept("text/event-stream").header("Last-Event-ID", old.encode()).get("/feed/stream").then()
                .statusCode(410).contentType("application/problem+json");
    }

    private SseEventSource open(WebTarget target, List<InboundSseEvent> events) {
        int before = streams.openStreams();
        SseEventSource source = SseEventSource.target(target).build();
        source.register(event -> {
            if (event.getId() != null) {
                events.add(event);
            }
        });
        source.open();
        await().atMost(WAIT).until(() -> streams.openStreams() > before);
        return source;
    }

    private JsonNode data(InboundSseEvent event) {
        try {
            return json.readTree(event.readData());
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + event.readData(), e);
        }
    }

    private List<InboundSseEvent> eventsOf(List<InboundSseEvent> events, String id) {
        return events.stream().filter(event -> id.equals(data(event).path("id").asText())).toList();
    }

    private List<String> types(List<InboundSseEvent> events, String id) {
        return eventsOf(events, id).stream().map(event -> data(event).path("type").asText()).toList();
    }
}
