package dev.newsfeed.push;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One subscription, as held on the subscriptions topic (key = {@code id}): where to deliver, what, and how to sign.
 * A webhook has its events and filter from its creator; a WebSub subscription has them from its topic URL, and a
 * lease that ends at {@code expiresAt}. {@code startOffsets} are the articles topic's end offsets when it was made:
 * where its deliveries begin, whichever instance first delivers them.
 */
public record Subscription(
        String id,
        Kind kind,
        String callback,
        SubscriptionFilter filter,
        Set<EventKind> events,
        List<SigningSecret> secrets,
        State state,
        String stateReason,
        Instant createdAt,
        Map<Integer, Long> startOffsets,
        String topic,
        Instant expiresAt) {

    public enum Kind {
        WEBHOOK, WEBSUB
    }

    public enum State {
        /** Delivered to. */
        ACTIVE,
        /** Paused by its owner: its events wait, and come once resumed. */
        PAUSED,
        /** The receiver answered 410 Gone: nothing more is delivered, and it is kept to show why. */
        DISABLED
    }

    public Subscription {
        filter = filter == null ? SubscriptionFilter.NONE : filter;
        events = Set.copyOf(events);
        secrets = List.copyOf(secrets);
        startOffsets = Map.copyOf(startOffsets);
    }

    Subscription withState(State newState, String reason) {
        return new Subscription(id, kind, callback, filter, events, secrets, newState, reason, createdAt, startOffsets,
                topic, expiresAt);
    }

    Subscription withSecrets(List<SigningSecret> newSecrets) {
        return new Subscription(id, kind, callback, filter, events, newSecrets, state, stateReason, createdAt,
                startOffsets, topic, expiresAt);
    }

    /** The secrets that sign at {@code now}: the current one and those still in their grace period. */
    List<SigningSecret> signingSecrets(Instant now) {
        return secrets.stream().filter(secret -> secret.validAt(now)).toList();
    }

    boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether it is to be delivered to now: active, and within its lease. */
    boolean deliverable(Instant now) {
        return state == State.ACTIVE && !expired(now);
    }

    @Override
    public String toString() {
        // The secrets never reach a log.
        return "Subscription[id=" + id + ", kind=" + kind + ", callback=" + callback + ", state=" + state + "]";
    }
}
