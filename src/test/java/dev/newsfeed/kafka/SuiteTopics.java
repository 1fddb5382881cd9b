package dev.newsfeed.kafka;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's topics on the suite's broker, as a plain subscriber reads them. */
@ApplicationScoped
public class SuiteTopics {

    private final String bootstrapServers;
    private final KafkaSettings settings;

    SuiteTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, KafkaSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String articlesTopic() {
        return settings.topic();
    }

    public String retractionsTopic() {
        return settings.retractionsTopic();
    }

    public List<ConsumerRecord<String, String>> articles() {
        return TopicContents.read(bootstrapServers, settings.topic());
    }

    /** The records of one article, oldest first. */
    public List<ConsumerRecord<String, String>> articleRecords(String id) {
        return articles().stream().filter(record -> id.equals(record.key())).toList();
    }

    public List<ConsumerRecord<String, String>> deadLetters() {
        return TopicContents.read(bootstrapServers, settings.deadLetterTopic());
    }

    public List<ConsumerRecord<String, String>> retractions() {
        return TopicContents.read(bootstrapServers, settings.retractionsTopic());
    }

    /** Grows by one with every record written to the articles topic, whatever compaction does. */
    public long articlesEndOffset() {
        return TopicContents.endOffset(bootstrapServers, settings.topic());
    }
}
