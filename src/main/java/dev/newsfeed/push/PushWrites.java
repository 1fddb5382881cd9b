package dev.newsfeed.push;

import java.util.concurrent.CompletionStage;

/** What push writes to Kafka: subscriptions, their status, and the events given up. */
interface PushWrites {

    /** Completes with the record's partition and offset once Kafka has it. */
    CompletionStage<long[]> save(Subscription subscription);

    /** The subscription's tombstone. */
    CompletionStage<long[]> delete(String subscriptionId);

    CompletionStage<long[]> status(String subscriptionId, DeliveryStatus status);

    /** The event's body as it was sent, keyed by subscription, with the webhook id and the reason in headers. */
    CompletionStage<long[]> deadLetter(Subscription subscription, PushEvent event, DeliveryBody body, String reason);
}
