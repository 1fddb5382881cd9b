package dev.newsfeed.follower;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import dev.newsfeed.view.FeedView;

/** Views built from a topic the way another instance would build them: read to the end, then stopped. */
public final class TopicViews {

    private TopicViews() {
    }

    /** @param retractionsTopic null to read the articles only */
    public static ArticleTopicReader readToTheEnd(String bootstrapServers, String topic, String retractionsTopic)
            throws Exception {
        return readToTheEnd(bootstrapServers, topic, retractionsTopic, FeedView.inMemory(),
                new ArticleTopicReader.TopicIds(null, null));
    }

    /** Reads into {@code view}, from where its checkpoint says it stopped. */
    public static ArticleTopicReader readToTheEnd(String bootstrapServers, String topic, String retractionsTopic,
            FeedView view, ArticleTopicReader.TopicIds ids) throws Exception {
        ArticleTopicReader reader = new ArticleTopicReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers), topic, retractionsTopic, view);
        reader.topicIds(ids);
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
