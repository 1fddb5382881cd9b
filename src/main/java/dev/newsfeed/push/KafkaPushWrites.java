package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** {@link PushWrites} with one idempotent producer ({@code acks=all}): nothing acknowledged is lost. */
final class KafkaPushWrites implements PushWrites, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String subscriptionsTopic;
    private final String statusTopic;
    private final String deadLetterTopic;

    KafkaPushWrites(Map<String, Object> producerConfig, String subscriptionsTopic, String statusTopic,
            String deadLetterTopic) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "newsfeed-push");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.subscriptionsTopic = subscriptionsTopic;
        this.statusTopic = statusTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public CompletionStage<long[]> save(Subscription subscription) {
        return send(new ProducerRecord<>(subscriptionsTopic, subscription.id(), PushJson.write(subscription)));
    }

    @Override
    public CompletionStage<long[]> delete(String subscriptionId) {
        return send(new ProducerRecord<>(subscriptionsTopic, subscriptionId, null));
    }

    @Override
    public CompletionStage<long[]> status(String subscriptionId, DeliveryStatus status) {
        return send(new ProducerRecord<>(statusTopic, subscriptionId, PushJson.write(status)));
    }

    @Override
    public CompletionStage<long[]> deadLetter(Subscription subscription, PushEvent event, DeliveryBody body,
            String reason) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(deadLetterTopic, subscription.id(), body.body());
        header(record, "newsfeed.push.webhook-id", body.webhookId());
        header(record, "newsfeed.push.event-id", event.eventId());
        header(record, "newsfeed.push.event", event.kind().ceType);
        header(record, "newsfeed.push.article", event.articleId());
        header(record, "newsfeed.push.callback", subscription.callback());
        header(record, "newsfeed.push.reason", reason);
        header(record, "content-type", body.contentType());
        return send(record);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private CompletionStage<long[]> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<long[]> written = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    written.completeExceptionally(failure);
                } else {
                    written.complete(new long[] { metadata.partition(), metadata.offset() });
                }
            });
        } catch (RuntimeException e) {
            written.completeExceptionally(e);
        }
        return written;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
