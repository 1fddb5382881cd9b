package dev.newsfeed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/** POSTs articles to newsfeed with the bench token, each under its own Idempotency-Key so that its id is known. */
final class Poster {

    private final HttpClient client;
    private final URI uri;
    private final String token;

    Poster(HttpClient client, String base, String token) {
        this.client = client;
        this.uri = URI.create(base + "/articles");
        this.token = token;
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    CompletableFuture<HttpResponse<Void>> post(String key, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** newsfeed's id of an article posted under this Idempotency-Key (HttpIds.forReference). */
    static String idFor(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("ref:" + key).getBytes(StandardCharsets.UTF_8));
            return "post:" + HexFormat.of().formatHex(hash).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
