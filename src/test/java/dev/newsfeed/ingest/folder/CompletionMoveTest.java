package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** {@code newsfeed.ingest.completion=move}: files leave the folder only after Kafka acknowledged them. */
@QuarkusTest
@TestProfile(CompletionMoveTest.MovePolicy.class)
class CompletionMoveTest {

    /**
     * Moving files, in a folder of its own: in the suite's shared folder it moved the seed and other tests'
     * files away, and later tests ingested them again under new ids.
     */
    public static class MovePolicy implements QuarkusTestProfile {

        /** Under target/, so that the build's clean removes it. */
        static final Path FOLDER = Path.of("target", "completion-move-" + UUID.randomUUID()).toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FOLDER);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + FOLDER, e);
            }
            return Map.of("newsfeed.ingest.completion", "move", "newsfeed.ingest.folder", FOLDER.toString());
        }
    }

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
        // By name, not by MovePolicy.FOLDER: the profile and the test may be loaded by two class loaders, each
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
