package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.newsfeed.feed.FeedRenderer;
import dev.newsfeed.feed.WebSubLinks;
import dev.newsfeed.view.FeedPage;

/**
 * A WebSub content distribution: the topic's feed, in its own format, holding the new or changed article (a diff of
 * the feed, which WebSub allows for feeds), with {@code Link} headers naming the hub and the topic, and
 * {@code X-Hub-Signature} when the subscriber gave a secret.
 */
final class WebSubBodies {

    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final String baseUrl;
    private final FeedRenderer renderer;

    WebSubBodies(String baseUrl, FeedRenderer renderer) {
        this.baseUrl = baseUrl;
        this.renderer = renderer;
    }

    DeliveryBody of(Subscription subscription, PushEvent event) {
        WebSubTopic topic = WebSubTopic.parse(baseUrl, subscription.topic());
        FeedPage page = new FeedPage(List.of(event.article()), null, null);
        String text = switch (topic.format()) {
            case ATOM -> renderer.atom(page, null, event.article().updatedAt(), topic.url());
            case RSS -> renderer.rss(page, event.article().updatedAt(), topic.url());
            case JSON_FEED -> json(renderer.jsonFeed(page, null));
        };
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Link", WebSubLinks.header(baseUrl, topic.url()));
        List<SigningSecret> secrets = subscription.signingSecrets(Instant.now());
        if (!secrets.isEmpty()) {
            headers.put("X-Hub-Signature", HubSignature.header(secrets.get(0).value(), body));
        }
        return new DeliveryBody(CloudEventBodies.webhookId(subscription.id(), event.eventId()), body,
                topic.format().mediaType + "; charset=UTF-8", headers);
    }

    private static String json(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON Feed could not be written", e);
        }
    }
}
