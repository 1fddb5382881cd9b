package dev.newsfeed.ingest.folder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Topics of their own with three partitions ({@code p3.*}), and an ingest folder of its own whose files move away once
 * Kafka acknowledged them ({@code newsfeed.ingest.completion=move}), and the tracing SDK on, its spans to the tests'
 * in-memory exporter. Shared by {@code MultiPartitionFeedTest}, {@link CompletionMoveTest} and {@code PushTracingTest},
 * so that Quarkus starts once for them (a start of its own cost the tracing test about 10 s): the folder starts empty,
 * so the topics hold only what the tests write, and each test waits for its own articles before it ends.
 */
public class ThreePartitionsMovingFolderProfile implements QuarkusTestProfile {

    /**
     * Under target/, so that the build's clean removes it. Not the suite's shared folder: moving files there moved the
     * seed and other tests' files away, and later tests ingested them again under new ids.
     */
    static final Path FOLDER = Path.of("target", "completion-move-" + UUID.randomUUID()).toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(FOLDER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + FOLDER, e);
        }
        return Map.of("newsfeed.kafka.partitions", "3",
                "newsfeed.kafka.topic", "p3.articles",
                "newsfeed.kafka.retractions-topic", "p3.retractions",
                "newsfeed.kafka.dead-letter-topic", "p3.articles.dlq",
                "newsfeed.ingest.completion", "move",
                "newsfeed.ingest.folder", FOLDER.toString(),
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }
}
