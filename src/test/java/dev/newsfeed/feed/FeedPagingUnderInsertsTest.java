package dev.newsfeed.feed;

import static dev.newsfeed.Writes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import dev.newsfeed.view.FeedView;

/** A poller paging through the feed while new articles keep arriving, as on a busy news day. */
@QuarkusTest
class FeedPagingUnderInsertsTest {

    @Inject
    FeedView view;

    /**
     * Issue 19: on its own articles only (a word of this run in every title, and the feed searched for it), so that
     * what earlier tests left on the suite's shared topic changes nothing here.
     */
    @Test
    void everyArticleThatExistedWhenPagingBeganIsReturnedExactlyOnce() {
        String run = "run" + UUID.randomUUID().toString().replace("-", "");
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            existing.add(post("Before paging " + run + " " + i, "Body."));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> existing.stream().allMatch(id -> view.find(id).isPresent()));

        AtomicInteger arrived = new AtomicInteger();
        ScheduledExecutorService newsroom = Executors.newSingleThreadScheduledExecutor();
        List<String> seen = new ArrayList<>();
        try {
            newsroom.scheduleWithFixedDelay(() -> {
                post("During paging " + run + " " + UUID.randomUUID(), "Body.");
                arrived.incrementAndGet();
            }, 0, 20, TimeUnit.MILLISECONDS);
            String cursor = null;
            do {
                RequestSpecification request = given().queryParam("limit", 2).queryParam("q", run);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/feed").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id", String.class));
                cursor = page.getString("next");
                await().atMost(Duration.ofSeconds(10)).until(() -> arrived.get() > 0);
            } while (cursor != null);
        } finally {
            newsroom.shutdownNow();
        }

        assertThat(arrived.get()).as("articles arrived while paging").isPositive();
        assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
        assertThat(seen).as("this run's articles only").allMatch(id -> view.find(id).orElseThrow().title()
                .contains(run));
    }
}
