package dev.newsfeed.follower;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 19: the view's liveness check, lag measured against the brokers, and the meters of both. */
@QuarkusTest
class ViewHealthTest {

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void livenessHasTheViewsCheckAndItIsUp() {
        given().get(live).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'feed-view' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'feed-view' }.data.readerRunning", equalTo(true));
    }

    @Test
    void readinessMeasuresTheLagAgainstTheBrokersEndOffsets() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'feed' }.data.lagRecords", equalTo(0))
                .body("checks.find { it.name == 'feed' }.data.rebuilding", equalTo(false))
                .body("checks.find { it.name == 'feed' }.data.lastRoundCompleted", equalTo(true)));
    }

    @Test
    void metricsShowTheLagOfEachPartitionAndTheTimeSinceTheLastAppliedBatch() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(metrics).then().statusCode(200)
                .body(containsString("newsfeed_feed_lag_records{partition=\"0\",topic=\"newsfeed.articles\"}"))
                .body(containsString("newsfeed_feed_last_applied_age_seconds"))
                .body(containsString("newsfeed_feed_rebuilds_total")));
    }
}
