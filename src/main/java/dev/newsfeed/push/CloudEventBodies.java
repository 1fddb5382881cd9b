package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.newsfeed.article.Sha256;

/**
 * A webhook's body: the event as a CloudEvent in structured JSON mode ({@code application/cloudevents+json}), with
 * the article as {@code data}, or for a retraction the article's id and the time it was retracted. Its
 * {@code webhook-id} is derived from the subscription and the event's {@code ce_id}, so that every attempt, and a
 * delivery again after a takeover, carries the same one.
 */
final class CloudEventBodies {

    static final String MEDIA_TYPE = "application/cloudevents+json";
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final String source;
    private final String dataSchema;

    CloudEventBodies(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.source = base;
        this.dataSchema = base + "/schemas/article-v1.json";
    }

    DeliveryBody of(Subscription subscription, PushEvent event) {
        Map<String, Object> cloudEvent = new LinkedHashMap<>();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", event.eventId());
        cloudEvent.put("source", source);
        cloudEvent.put("type", event.kind().ceType);
        cloudEvent.put("subject", event.articleId());
        cloudEvent.put("time", event.time().toString());
        cloudEvent.put("datacontenttype", "application/json");
        if (event.article() != null) {
            cloudEvent.put("dataschema", dataSchema);
            cloudEvent.put("data", event.article());
        } else {
            cloudEvent.put("data", Map.of("id", event.articleId(), "retractedAt", event.time().toString()));
        }
        try {
            return new DeliveryBody(webhookId(subscription.id(), event.eventId()), JSON.writeValueAsBytes(cloudEvent),
                    MEDIA_TYPE, Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    /** {@code msg_} and 22 characters of the SHA-256 of the subscription and the event: stable, and unguessable. */
    static String webhookId(String subscriptionId, String eventId) {
        MessageDigest digest = Sha256.digest();
        digest.update(subscriptionId.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        byte[] hash = digest.digest(eventId.getBytes(StandardCharsets.UTF_8));
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
    }
}
