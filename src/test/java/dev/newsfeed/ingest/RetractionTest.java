package dev.newsfeed.ingest;

import static dev.newsfeed.Writes.authorized;
import static dev.newsfeed.Writes.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.ingest.folder.FolderIngest;
import dev.newsfeed.ingest.folder.FolderWatcher;
import dev.newsfeed.follower.TopicViews;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.junit.QuarkusTest;

/** DELETE /articles/{id}: a tombstone for subscribers, 410 for pollers, and no way back but a changed text. */
@QuarkusTest
class RetractionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FeedView view;

    @Inject
    FolderIngest folderIngest;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @Inject
    SuiteTopics topics;



    @Test
    void retractedArticleIsGoneForPollersAndTombstonedForSubscribers() {
        String id = post("To retract " + UUID.randomUUID(), "Body.");
        await().atMost(WAIT).until(() -> view.find(id).isPresent());

        authorized().delete("/articles/" + id).then().statusCode(204);

        await().atMost(WAIT).until(() -> view.retraction(id).isPresent());
        given().get("/articles/" + id).then().statusCode(410).contentType("application/problem+json")
                .body("status", equalTo(410));
        assertThat(view.page(100).items()).noneMatch(article -> article.id().equals(id));
        ConsumerRecord<String, String> last = topics.articles().stream()
                .filter(record -> id.equals(record.key())).reduce((first, second) -> second).orElseThrow();
        assertThat(last.value()).as("a tombstone").isNull();
        assertThat(new String(last.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .isEqualTo("newsfeed.article.retracted");
        assertThat(topics.retractions()).anyMatch(record -> id.equals(record.key()));
        authorized().delete("/articles/" + id).then().statusCode(410);
    }

    @Test
    void retractedFileStaysRetractedUntilItChanges() throws Exception {
        String name = "retracted-file-" + UUID.randomUUID();
        Path file = folder.resolve(name + ".txt");
        Files.writeString(file, Fixtures.article("canonical.txt"));
        await().atMost(WAIT).until(() -> view.find(name).isPresent());

        authorized().delete("/articles/" + name).then().statusCode(204);
        await().atMost(WAIT).until(() -> view.retraction(name).isPresent());
        long before = topics.articlesEndOffset();
        try (FolderWatcher afterRestart = folderIngest.newWatcher()) {
            afterRestart.start();
            await().atMost(WAIT).until(() -> afterRestart.hasRescanned() && afterRestart.backlog() == 0);
        }
        assertThat(topics.articlesEndOffset()).as("not republished").isEqualTo(before);
        assertThat(secondView().retraction(name)).as("every instance's view agrees").isPresent();

        Files.writeString(file, Fixtures.article("canonical.txt").replace("Tuesday", "Friday"));

        await().atMost(WAIT).until(() -> view.find(name).isPresent());
        given().get("/articles/" + name).then().statusCode(200);
    }

    @Test
    void retractingAnUnknownArticleIsNotFoundAndNeedsTheToken() {
        authorized().delete("/articles/never-was").then().statusCode(404);
        given().delete("/articles/000_22b61c6839899886").then().statusCode(401);
    }

    private FeedView secondView() throws Exception {
        return TopicViews.readToTheEnd(topics.bootstrapServers(), topics.articlesTopic(), topics.retractionsTopic()).view();
    }
}
