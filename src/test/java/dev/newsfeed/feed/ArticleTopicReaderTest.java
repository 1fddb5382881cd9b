package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import io.quarkus.test.junit.QuarkusTest;

/** The view as any instance builds it from a topic: a second instance, or this one after a restart. */
@QuarkusTest
class ArticleTopicReaderTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "newsfeed.kafka.topic")
    String topic;

    @Inject
    FeedView view;

    @Inject
    ObjectMapper json;

    @Inject
    Admin admin;

    @Test
    void secondViewOfTheArticlesTopicHoldsTheSameFeed() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> view.size() > 0);

        FeedView second = readToTheEnd(topic).view();

        assertThat(second.size()).isEqualTo(view.size());
        assertThat(second.page(100).items()).isEqualTo(view.page(100).items());
        assertThat(second.page(100).next()).isEqualTo(view.page(100).next());
        assertThat(ConditionalResponses.tag("json", second.page(100).items()))
                .as("every instance gives the same ETag").isEqualTo(ConditionalResponses.tag("json", view.page(100).items()));
        assertThat(second.lastModified()).isEqualTo(view.lastModified());
    }

    @Test
    void unreadableRecordIsSkippedAndCountedWhileTheRestIsApplied() throws Exception {
        String name = "reader-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        Article article = Article.first("kept", "file:kept.txt",
                new ArticleText("Kept", null, null, List.of("A body.")), Instant.parse("2026-05-01T10:00:00Z"));
        ObjectNode withFutureField = json.valueToTree(article);
        withFutureField.put("addedInALaterSchema", "readers ignore it");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(name, "broken", "{not json")).get();
            producer.send(new ProducerRecord<>(name, "json-null", "null")).get();
            producer.send(new ProducerRecord<>(name, null, json.writeValueAsString(article))).get();
            producer.send(new ProducerRecord<>(name, "other-id", json.writeValueAsString(article))).get();
            producer.send(new ProducerRecord<>(name, "kept", json.writeValueAsString(withFutureField))).get();
        }

        ArticleTopicReader reader = readToTheEnd(name);

        assertThat(reader.view().page(10).items()).containsExactly(article);
        assertThat(reader.skippedRecords()).isEqualTo(4);
    }

    private ArticleTopicReader readToTheEnd(String name) throws Exception {
        return TopicViews.readToTheEnd(bootstrapServers, name, null, json);
    }
}
