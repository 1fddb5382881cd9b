package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    public static class MovePolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("newsfeed.ingest.completion", "move");
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

        assertThat(view.find(name)).isPresent();
        assertThat(folder.resolve(name + ".txt")).doesNotExist();
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
