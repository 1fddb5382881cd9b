package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code newsfeed.ingest.completion=move}: files leave the folder only after Kafka acknowledged them. */
@QuarkusTest
@TestProfile(ThreePartitionsMovingFolderProfile.class)
class CompletionMoveTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FeedView view;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @Test
    void publishedFileMovesToProcessedOnceInTheFeed() throws Exception {
        String name = "moved-" + UUID.randomUUID();
        Files.writeString(folder.resolve(name + ".txt"), Fixtures.article("canonical.txt"));

        await().atMost(WAIT).until(() -> Files.exists(folder.resolve("processed").resolve(name + ".txt")));

        // The move follows Kafka's acknowledgement, not the view: the view catches up a moment later.
        await().atMost(WAIT).until(() -> view.find(name).isPresent());
        assertThat(view.find(name)).isPresent();
        assertThat(folder.resolve(name + ".txt")).doesNotExist();
    }

    @Test
    void movesHappenInAFolderOfTheirOwn() {
        // By name, not by ThreePartitionsMovingFolderProfile.FOLDER: the profile and the test may be loaded by two class loaders, each
        // with its own random folder name.
        assertThat(folder.getFileName().toString()).startsWith("completion-move-");
        assertThat(folder).isNotEqualTo(Path.of("seeds").toAbsolutePath());
    }

    @Test
    void refusedFileMovesToFailedWithItsReason() throws Exception {
        String name = "refused-" + UUID.randomUUID();
        Files.writeString(folder.resolve(name + ".txt"), "Only a title\n");

        Path error = folder.resolve("failed").resolve(name + ".txt.error");
        await().atMost(WAIT).until(() -> Files.exists(error));

        assertThat(Files.readString(error)).startsWith("NO_BODY: line 1");
        assertThat(folder.resolve("failed").resolve(name + ".txt")).hasContent("Only a title");
        assertThat(folder.resolve(name + ".txt")).doesNotExist();
    }
}
