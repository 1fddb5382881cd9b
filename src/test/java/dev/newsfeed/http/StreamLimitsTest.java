package dev.newsfeed.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 22, finding 2: streams cannot take every connection. Past the limit of streams, in all or of one client
 * address, a stream is refused with 503 and Retry-After, ordinary requests are still answered, and the refusals
 * are counted. Real connections, from several loopback addresses (Linux routes all of 127.0.0.0/8 to lo).
 */
@QuarkusTest
@TestProfile(HttpHardeningProfile.class)
class StreamLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL api;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private final List<Socket> open = new ArrayList<>();

    @AfterEach
    void closeStreams() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
    }

    @Test
    void streamsBeyondTheirLimitsAreRefusedWith503WhileOrdinaryRequestsAreAnswered() throws IOException {
        // Other tests of this profile open no stream; any left by an earlier test is let go at its next heartbeat.
        await().atMost(WAIT).until(() -> openStreams() == 0);
        // After HttpLimitsTest fills every connection, the server turns new ones away until it notices they closed.
        await().atMost(WAIT).ignoreExceptions().until(() -> RawRequest.get(api, "/feed?limit=1").status() == 200);

        for (int i = 0; i < HttpHardeningProfile.STREAM_MAX_PER_CLIENT; i++) {
            assertThat(status(stream("127.0.0.1"))).as("stream %d of 127.0.0.1", i + 1).isEqualTo(200);
        }
        Answer perClient = answer(stream("127.0.0.1"));
        assertThat(perClient.status()).as("one stream too many for 127.0.0.1").isEqualTo(503);
        assertThat(perClient.head()).containsIgnoringCase("Retry-After: 10")
                .containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(perClient.body()).contains("this client address already has 2 live streams open");

        for (int i = 0; i < HttpHardeningProfile.STREAM_MAX - HttpHardeningProfile.STREAM_MAX_PER_CLIENT; i++) {
            assertThat(status(stream("127.0.0.2"))).as("stream %d of 127.0.0.2", i + 1).isEqualTo(200);
        }
        Answer total = answer(stream("127.0.0.3"));
        assertThat(total.status()).as("a fifth stream, from a third address").isEqualTo(503);
        assertThat(total.body()).contains("all 4 live streams of this instance are taken");

        // On a connection of its own: the profile's 5 s idle timeout closes pooled ones between requests.
        assertThat(RawRequest.get(api, "/feed?limit=1").status()).isEqualTo(200);

        // A stream that ends gives its place back.
        open.get(0).close();
        await().atMost(WAIT).until(() -> status(stream("127.0.0.1")) == 200);

        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(scraped).containsPattern("newsfeed_feed_stream_refused_total\\{reason=\"per-client\"} [1-9]")
                .containsPattern("newsfeed_feed_stream_refused_total\\{reason=\"total\"} [1-9]");
        assertThat(openStreams()).isEqualTo(HttpHardeningProfile.STREAM_MAX);
    }

    /** The gauge of open streams at the management port. */
    private int openStreams() {
        String scraped = given().get(metrics).then().statusCode(200).extract().asString();
        return (int) Double.parseDouble(scraped.replaceAll("(?s).*\nnewsfeed_feed_stream_clients(?:\\{[^}]*})? ([0-9.E]+).*", "$1"));
    }

    /** Opens a stream from {@code source}, kept open until the test ends. */
    private Socket stream(String source) throws IOException {
        Socket socket = new Socket(api.getHost(), api.getPort(), InetAddress.getByName(source), 0);
        socket.setSoTimeout(10_000);
        open.add(socket);
        socket.getOutputStream().write(("GET /feed/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /** The status of the answer's head; the stream stays open. */
    private int status(Socket socket) throws IOException {
        return Integer.parseInt(head(socket.getInputStream()).split(" ")[1]);
    }

    private Answer answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String head = head(in);
        int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
        return new Answer(Integer.parseInt(head.split(" ")[1]), head,
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended before the answer's head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private record Answer(int status, String head, String body) {
    }
}
