package dev.newsfeed.ingest;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.newsfeed.article.Article;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes article versions to the articles topic, keyed by article id, as CloudEvents in binary mode: the
 * value is the article JSON, and SmallRye writes the {@code ce_*} headers from the metadata given here.
 */
@ApplicationScoped
public class ArticlePublisher {

    /** The outgoing channel; the topic it writes to is configured in application.properties. */
    public static final String CHANNEL = "articles-out";

    /** The CloudEvents types of the articles topic. */
    public enum EventType {
        PUBLISHED("newsfeed.article.published"), UPDATED("newsfeed.article.updated"),
        RETRACTED("newsfeed.article.retracted");

        public final String ceType;

        EventType(String ceType) {
            this.ceType = ceType;
        }
    }

    private final MutinyEmitter<Record<String, Article>> emitter;
    private final URI source;
    private final URI schema;

    ArticlePublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, Article>> emitter,
            @ConfigProperty(name = "newsfeed.public-base-url") URI source) {
        this.emitter = emitter;
        this.source = source;
        this.schema = URI.create(source.toString().replaceAll("/$", "") + "/schemas/article-v1.json");
    }

    /** Completes when Kafka has acknowledged the record (acks=all), fails when it could not be written. */
    public Uni<Void> publish(Article article, EventType type) {
        return send(article.id(), article, type, article.updatedAt().atZone(ZoneOffset.UTC));
    }

    /** Publishes the tombstone of an article: a record with its key and no value, which compaction keeps last. */
    public Uni<Void> retract(String id, Instant at) {
        return send(id, null, EventType.RETRACTED, at.atZone(ZoneOffset.UTC));
    }

    private Uni<Void> send(String id, Article article, EventType type, ZonedDateTime time) {
        OutgoingCloudEventMetadata<Object> event = OutgoingCloudEventMetadata.builder()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(type.ceType)
                .withSubject(id)
                .withTimestamp(time)
                .withDataContentType("application/json")
                .withDataSchema(schema)
                .build();
        return emitter.sendMessage(Message.of(Record.of(id, article)).addMetadata(event));
    }
}
