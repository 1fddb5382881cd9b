package dev.newsfeed.push;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delivers one event to one subscription, attempt after attempt as the {@link RetrySchedule} says: a 2xx answer
 * delivers it; 410 Gone ends the subscription; anything else (another status, a timeout, a refused address, no
 * connection) is a failed attempt, and after the last one the event is given up. Each attempt checks the callback
 * again and signs anew with the subscription's current secrets and the attempt's time.
 */
final class EventDelivery {

    enum Outcome {
        DELIVERED, GONE, GAVE_UP
    }

    record Result(Outcome outcome, String reason) {
    }

    /** The subscription stopped being this instance's to deliver (paused, deleted, expired, moved, shutting down). */
    static final class StoppedException extends Exception {
        StoppedException() {
            super("delivery stopped", null, false, false);
        }
    }

    /** How the worker waits between attempts and hears of failures; a pause returns false once it must stop. */
    interface Attempts {
        boolean pause(Duration pause) throws InterruptedException;

        void failed(String reason);
    }

    private final CallbackPolicy policy;
    private final CallbackClient client;
    private final RetrySchedule schedule;
    private final Duration timeout;
    private final PushMetrics metrics;

    EventDelivery(CallbackPolicy policy, CallbackClient client, RetrySchedule schedule, Duration timeout,
            PushMetrics metrics) {
        this.policy = policy;
        this.client = client;
        this.schedule = schedule;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /**
     * @param current the subscription as it is now (it may be paused, rotated or deleted between attempts)
     * @param once one attempt only: the subscription is failing, and its events wait for no schedule
     */
    Result deliver(Supplier<Subscription> current, DeliveryBody body, boolean once, Attempts attempts)
            throws InterruptedException, StoppedException {
        String reason = null;
        Duration retryAfter = null;
        int limit = once ? 1 : schedule.attempts();
        for (int attempt = 0; attempt < limit; attempt++) {
            Optional<Duration> pause = schedule.pauseBefore(attempt, retryAfter);
            if (pause.isEmpty() || !attempts.pause(pause.get())) {
                throw new StoppedException();
            }
            Subscription subscription = current.get();
            if (subscription == null || !subscription.deliverable(Instant.now())) {
                throw new StoppedException();
            }
            CallbackClient.Answer answer = attempt(subscription, body);
            if (answer.successful()) {
                metrics.delivered(subscription.kind());
                return new Result(Outcome.DELIVERED, null);
            }
            if (answer.status() == 410) {
                metrics.gone(subscription.kind());
                return new Result(Outcome.GONE, "the receiver answered 410 Gone");
            }
            metrics.failedAttempt(subscription.kind());
            reason = "attempt " + (attempt + 1) + " of " + limit + ": " + answer.describe();
            retryAfter = answer.retryAfter();
            attempts.failed(reason);
        }
        return new Result(Outcome.GAVE_UP, reason);
    }

    private CallbackClient.Answer attempt(Subscription subscription, DeliveryBody body) throws InterruptedException {
        CallbackPolicy.Target target;
        try {
            target = policy.check(subscription.callback());
        } catch (CallbackPolicy.RefusedCallbackException e) {
            return CallbackClient.Answer.failed("refused: " + e.getMessage());
        }
        return client.post(target, headers(subscription, body), body.body(), timeout);
    }

    private static Map<String, String> headers(Subscription subscription, DeliveryBody body) {
        Map<String, String> headers = new LinkedHashMap<>(body.headers());
        headers.put("Content-Type", body.contentType());
        if (subscription.kind() == Subscription.Kind.WEBHOOK) {
            long timestamp = Instant.now().getEpochSecond();
            List<SigningSecret> secrets = subscription.signingSecrets(Instant.now());
            headers.put("webhook-id", body.webhookId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSignature.header(body.webhookId(), timestamp, body.body(), secrets));
        }
        return headers;
    }
}
