package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.feed.FeedView;
import dev.newsfeed.kafka.TopicContents;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FolderIngestTest {

    @Inject
    FolderIngest folderIngest;

    @Inject
    FeedView view;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "newsfeed.kafka.topic")
    String topic;

    @Test
    void scanAfterARestartRepublishesNothing() {
        await().atMost(Duration.ofSeconds(30)).until(() -> view.find("000_22b61c6839899886").isPresent());
        long before = TopicContents.endOffset(bootstrapServers, topic);

        Map<IngestOutcome.Result, Integer> counts = folderIngest.scan().await().atMost(Duration.ofSeconds(30));

        assertThat(counts).isEqualTo(Map.of(IngestOutcome.Result.UNCHANGED, 1));
        assertThat(TopicContents.endOffset(bootstrapServers, topic)).isEqualTo(before);
    }
}
