package dev.newsfeed.feed;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Views built from a topic the way another instance would build them: read to the end, then stopped. */
public final class TopicViews {

    private TopicViews() {
    }

    /** @param retractionsTopic null to read the articles only */
    public static ArticleTopicReader readToTheEnd(String bootstrapServers, String topic, String retractionsTopic,
            ObjectMapper json) throws Exception {
        ArticleTopicReader reader = new ArticleTopicReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), topic, retractionsTopic, new FeedView(), json);
        Thread thread = new Thread(reader, "test-view-of-" + topic);
        thread.start();
        try {
            reader.caughtUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return reader;
        } finally {
            reader.close();
            thread.join(10_000);
        }
    }
}
