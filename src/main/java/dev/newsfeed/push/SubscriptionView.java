package dev.newsfeed.push;

import java.time.Instant;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A subscription as the API shows it: never its secrets, except {@code secret} in the answer that made or rotated
 * it, shown that once. {@code backlog} is the number of records of the articles topic it has still to go through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A push subscription and how its deliveries go")
public record SubscriptionView(
        @Schema(example = "wh_5f0c3a9e2b7d4e1f8a6b2c3d4e5f6a7b") String id,
        Subscription.Kind kind,
        @Schema(example = "https://cms.example.com/hooks/newsfeed") String url,
        Set<EventKind> events,
        SubscriptionFilter filter,
        Subscription.State state,
        @Schema(example = "the receiver answered 410 Gone at 2026-12-06T10:00:00Z") String stateReason,
        Instant createdAt,
        @Schema(description = "WebSub: the topic URL", example = "http://localhost:8080/feed.atom?tag=ukraine")
        String topic,
        @Schema(description = "WebSub: when the lease ends") Instant expiresAt,
        DeliveryStatus status,
        @Schema(description = "Records of the articles topic still to go through", example = "0") Long backlog,
        @Schema(description = "Only in the answer that made or rotated it",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

    static SubscriptionView of(Subscription subscription, DeliveryStatus status, Long backlog, String secret) {
        return new SubscriptionView(subscription.id(), subscription.kind(), subscription.callback(),
                subscription.events(), subscription.filter(), subscription.state(), subscription.stateReason(),
                subscription.createdAt(), subscription.topic(), subscription.expiresAt(), status, backlog, secret);
    }
}
