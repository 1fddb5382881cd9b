package dev.newsfeed.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.newsfeed.article.Sha256;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Keeps every refused source on the dead-letter topic: the first 64 KiB of what arrived, keyed by source,
 * with headers that say why, so that nothing sent to newsfeed is lost even when it is not an article.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    /** The outgoing channel of dead letters; its topic is configured in application.properties. */
    public static final String CHANNEL = "dead-letters-out";
    public static final int MAX_CONTENT = 64 * 1024;

    private final MutinyEmitter<byte[]> emitter;

    DeadLetterPublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Publishes what arrived whole; the record keeps its first 64 KiB. */
    public Uni<Void> publish(String source, byte[] content, Rejection rejection) {
        return publish(source, content, content.length, Sha256.hex(content), rejection);
    }

    /**
     * @param head the source's first bytes (at least 64 KiB of it when it is larger)
     * @param size the size of the whole source in bytes
     * @param sha256 the hash of the whole source
     */
    public Uni<Void> publish(String source, byte[] head, long size, String sha256, Rejection rejection) {
        byte[] kept = head.length > MAX_CONTENT ? Arrays.copyOf(head, MAX_CONTENT) : head;
        List<RecordHeader> headers = List.of(
                header("newsfeed.source", source),
                header("newsfeed.stage", rejection.stage()),
                header("newsfeed.reason", rejection.reason()),
                header("newsfeed.line", String.valueOf(rejection.line())),
                header("newsfeed.detail", rejection.detail()),
                header("newsfeed.size", String.valueOf(size)),
                header("newsfeed.sha256", sha256),
                header("newsfeed.truncated", String.valueOf(kept.length < size)));
        return emitter.sendMessage(Message.of(kept).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(source).withHeaders(headers).build()));
    }

    private static RecordHeader header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
