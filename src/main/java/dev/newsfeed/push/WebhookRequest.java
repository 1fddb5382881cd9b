package dev.newsfeed.push;

import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook asked for: where to, which events (all when absent), which articles, and the secret (generated when absent). */
@Schema(description = "A webhook subscription to create")
public record WebhookRequest(
        @Schema(required = true, example = "https://cms.example.com/hooks/newsfeed") String url,
        @Schema(description = "Event kinds wanted; all three when absent",
                example = "[\"published\", \"updated\", \"retracted\"]") Set<EventKind> events,
        @Schema(description = "Only articles matching, in the words of GET /feed; retractions always pass")
        SubscriptionFilter filter,
        @Schema(description = "whsec_ and the base64 of 24 to 64 random bytes; generated when absent",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
