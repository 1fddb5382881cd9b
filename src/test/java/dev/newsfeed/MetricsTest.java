package dev.newsfeed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** What an operator scrapes at /q/metrics (on the management port) once the seed is in, and that it moves. */
@QuarkusTest
class MetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLISHED = "newsfeed_articles_ingested_total{result=\"published\"}";
    private static final String REFUSED_WITHOUT_TITLE = "newsfeed_articles_rejected_total{reason=\"NO_TITLE\"}";

    // Relative to the management interface's root, /q.
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @Test
    void ingestionAndViewMetersArePublished() {
        await().atMost(WAIT).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body(matchesRegex("(?s).*newsfeed_feed_articles [1-9][0-9.E]*\\n.*"))
                .body(containsString("newsfeed_articles_ingested_total{result=\"published\"}"))
                .body(containsString("newsfeed_publish_latency_seconds_count"))
                .body(containsString("newsfeed_sources_pending"))
                .body(containsString("newsfeed_feed_skipped_records"))
                .body(containsString("newsfeed_feed_stream_clients"))
                .body(containsString("newsfeed_feed_apply_seconds_bucket{le=\"+Inf\"}"))
                .body(containsString("newsfeed_feed_visible_delay_seconds_bucket{le=\"+Inf\"}"))
                .body(containsString("newsfeed_publish_latency_seconds_bucket{le=\"+Inf\"}")));
    }

    @Test
    void publishedArticleCountsAsIngested() {
        double before = value(PUBLISHED);

        Writes.post("Counted as published " + UUID.randomUUID(), "One paragraph.");

        // At least one more: files of other tests may settle meanwhile, but this one must be counted.
        await().atMost(WAIT).untilAsserted(() -> assertThat(value(PUBLISHED)).isGreaterThanOrEqualTo(before + 1));
    }

    @Test
    void refusedFileCountsAsRejectedWithItsReason() throws Exception {
        double before = value(REFUSED_WITHOUT_TITLE);
        Path file = folder.resolve("metrics-" + UUID.randomUUID() + ".txt");

        Files.writeString(file, Fixtures.article("no-title.txt"));
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(value(REFUSED_WITHOUT_TITLE)).isEqualTo(before + 1));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A sample's value in the scrape; 0 for a counter not registered yet (no rejection of that reason so far). */
    private double value(String sample) {
        String scrape = given().get(metrics).then().statusCode(200).extract().asString();
        return scrape.lines().filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).strip()))
                .findFirst().orElse(0);
    }
}
