package dev.newsfeed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What an operator scrapes at /q/metrics once the seed is in. */
@QuarkusTest
class MetricsTest {

    @Test
    void ingestionAndViewMetersArePublished() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesRegex("(?s).*newsfeed_feed_articles [1-9][0-9.E]*\\n.*"))
                .body(containsString("newsfeed_articles_ingested_total{result=\"published\"}"))
                .body(containsString("newsfeed_publish_latency_seconds_count"))
                .body(containsString("newsfeed_sources_pending"))
                .body(containsString("newsfeed_feed_skipped_records"))
                .body(containsString("newsfeed_feed_stream_clients")));
    }
}
