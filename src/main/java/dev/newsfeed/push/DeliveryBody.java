package dev.newsfeed.push;

import java.util.Map;

/**
 * What one event becomes for one subscription: the body, its media type, and the headers that are the same at every
 * attempt; {@code webhookId} is the event's id for this subscription, the receiver's idempotency key.
 */
record DeliveryBody(String webhookId, byte[] body, String contentType, Map<String, String> headers) {
}
