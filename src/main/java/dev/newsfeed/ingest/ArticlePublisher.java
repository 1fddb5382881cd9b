package dev.newsfeed.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;
import dev.newsfeed.kafka.RecordTracing;
import dev.newsfeed.kafka.TraceHeaders;
import dev.newsfeed.view.LogPosition;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
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

        /** A version is an update when it was revised after its first publication. */
        static EventType of(Article article) {
            return article.updatedAt().isAfter(article.publishedAt()) ? UPDATED : PUBLISHED;
        }
    }

    /** The CloudEvents extension of a tombstone that names the content hash of the version it removes. */
    public static final String REMOVES_EXTENSION = "removes";

    /** The outgoing channel of retractions, to the compacted retractions topic. */
    public static final String RETRACTIONS_CHANNEL = "retractions-out";

    private final MutinyEmitter<Record<String, Article>> emitter;
    private final MutinyEmitter<Record<String, Retraction>> retractions;
    private final URI source;
    private final URI schema;
    private final String topic;
    /** Null with the tracing SDK off (the default): then a write does no tracing work at all. */
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ArticlePublisher(@Channel(CHANNEL) MutinyEmitter<Record<String, Article>> emitter,
            @Channel(RETRACTIONS_CHANNEL) MutinyEmitter<Record<String, Retraction>> retractions,
            @ConfigProperty(name = "newsfeed.public-base-url") URI source,
            @ConfigProperty(name = "newsfeed.kafka.topic") String topic, RecordTracing tracing) {
        this.emitter = emitter;
        this.retractions = retractions;
        this.source = source;
        this.schema = URI.create(source.toString().replaceAll("/$", "") + "/schemas/article-v1.json");
        this.topic = topic;
        this.tracer = tracing.tracer("dev.newsfeed.ingest");
        this.propagator = tracing.propagator();
    }

    /**
     * Completes with the record's position when Kafka has acknowledged it (acks=all), fails when it could not be
     * written. The record follows from the version alone: its CloudEvents id is derived from the id, the text and
     * the time of the version, so the same version written twice (a resend, or a version written again after a
     * tombstone that was not meant for it) is one event for subscribers that drop duplicates by id.
     */
    public Uni<LogPosition> publish(Article article) {
        String eventId = UUID.nameUUIDFromBytes(("version|" + article.id() + "|" + article.contentHash() + "|"
                + article.updatedAt()).getBytes(StandardCharsets.UTF_8)).toString();
        return send(article.id(), article, EventType.of(article), article.updatedAt().atZone(ZoneOffset.UTC),
                eventId, null);
    }

    /**
     * Retracts an article: first the retraction record, which alone hides it from every view and outlives
     * compaction, then the tombstone (a record with its key and no value), which lets compaction drop its
     * versions and tells subscribers. When the tombstone fails, the retraction stands: the caller answers 503,
     * and the client's retry finds the article retracted and has {@link #tombstone} written again.
     */
    public Uni<LogPosition> retract(Retraction retraction) {
        return retractions.send(Record.of(retraction.id(), retraction)).chain(() -> tombstone(retraction));
    }

    /**
     * Writes a retraction's tombstone, again if need be. It carries the retraction's time and an event id derived
     * from the retraction, so a tombstone written twice is one change for every view and one event (CloudEvents
     * source and id) for subscribers that drop duplicates. It names the text it removes ({@link #REMOVES_EXTENSION}):
     * decided on a view that may lag behind Kafka, it must not remove a newer version that view had not seen yet.
     */
    public Uni<LogPosition> tombstone(Retraction retraction) {
        String eventId = UUID.nameUUIDFromBytes(("tombstone|" + retraction.id() + "|" + retraction.retractedAt())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return send(retraction.id(), null, EventType.RETRACTED, retraction.retractedAt().atZone(ZoneOffset.UTC),
                eventId, retraction.contentHash());
    }

    private Uni<LogPosition> send(String id, Article article, EventType type, ZonedDateTime time, String eventId,
            String removes) {
        var builder = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withSource(source)
                .withType(type.ceType)
                .withSubject(id)
                .withTimestamp(time)
                .withDataContentType("application/json")
                .withDataSchema(schema);
        if (removes != null) {
            builder.withExtension(REMOVES_EXTENSION, removes);
        }
        OutgoingCloudEventMetadata<Object> event = builder.build();
        // The record's own timestamp is the event's time too: a retraction's tombstone then carries the time of
        // its retraction record, and every view files both under the retraction (see ArticleState#decision).
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> kafka = OutgoingKafkaRecordMetadata
                .<String>builder().withTimestamp(time.toInstant());
        // Traced within a trace only (a POST's server span, a file's ingest span), and with the SDK off (the default)
        // not at all: no span, no header, no look-up.
        Span publishing = tracer != null && Span.current().getSpanContext().isValid() ? publishing(id, type) : null;
        if (publishing != null) {
            // The producer span's context goes into the record (traceparent): the view's apply and each delivery
            // continue the writer's trace from there.
            RecordHeaders headers = new RecordHeaders();
            propagator.inject(Context.current().with(publishing), headers, TraceHeaders.SETTER);
            kafka.withHeaders(headers);
        }
        // SmallRye sets the acknowledged record's metadata here: its position tells when this instance's view has it.
        OutgoingMessageMetadata<RecordMetadata> written = new OutgoingMessageMetadata<>();
        Uni<LogPosition> sent = emitter.sendMessage(Message.of(Record.of(id, article)).addMetadata(event)
                .addMetadata(kafka.build()).addMetadata(written))
                .map(ignored -> LogPosition.article(written.getResult().partition(), written.getResult().offset()));
        return publishing == null ? sent : sent.onItemOrFailure().invoke((position, failure) -> {
            if (failure != null) {
                publishing.recordException(failure);
                publishing.setStatus(StatusCode.ERROR, failure.toString());
            } else {
                publishing.setAttribute("messaging.destination.partition.id", String.valueOf(
                        written.getResult().partition()));
                publishing.setAttribute("messaging.kafka.offset", position.offset());
            }
            publishing.end();
        });
    }

    /** The producer span of one record: from the send to Kafka's acknowledgement, a child of the writer's span. */
    private Span publishing(String id, EventType type) {
        return tracer.spanBuilder("publish " + topic)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.kafka.message.key", id)
                .setAttribute("newsfeed.article.id", id)
                .setAttribute("cloudevents.event_type", type.ceType)
                .startSpan();
    }
}
