package dev.newsfeed.ingest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.newsfeed.article.Article;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Publishes article versions to the articles topic, keyed by article id. */
@ApplicationScoped
public class ArticlePublisher {

    /** The outgoing channel; the topic it writes to is configured in application.properties. */
    public static final String CHANNEL = "articles-out";

    private final MutinyEmitter<Record<String, Article>> emitter;

    ArticlePublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, Article>> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka has acknowledged the record (acks=all), fails when it could not be written. */
    public Uni<Void> publish(Article article) {
        return emitter.send(Record.of(article.id(), article));
    }
}
