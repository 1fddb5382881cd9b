package dev.newsfeed.push;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhooks and the WebSub hub: where subscriptions live, how deliveries are tried, and which callbacks are refused. */
@ConfigMapping(prefix = "newsfeed.push")
public interface PushSettings {

    /** Whether this instance takes part in delivering; the subscription API answers either way. */
    @WithDefault("true")
    boolean enabled();

    /** The compacted topic of subscriptions, webhooks and WebSub alike, keyed by subscription id. */
    @WithDefault("newsfeed.push.subscriptions")
    String subscriptionsTopic();

    /** The compacted topic of each subscription's delivery status (last success, last failure), keyed by id. */
    @WithDefault("newsfeed.push.status")
    String statusTopic();

    /** Events given up after the last attempt, with the reason in their headers, keyed by subscription id. */
    @WithDefault("newsfeed.push.dlq")
    String deadLetterTopic();

    /**
     * Partitions of the subscriptions topic when created: the units the push group shares out among instances,
     * so at most this many instances deliver at once.
     */
    @WithDefault("6")
    int partitions();

    /** The consumer group whose members share out the subscriptions; each subscription's position is its own group. */
    @WithDefault("newsfeed-push")
    String group();

    /** A dead instance's subscriptions move to another after about this long. */
    @WithDefault("10s")
    Duration sessionTimeout();

    @WithDefault("3s")
    Duration heartbeatInterval();

    /** How long one delivery attempt may take, connecting and reading the answer included. */
    @WithDefault("10s")
    Duration attemptTimeout();

    /**
     * The pause before each attempt of one event (Standard Webhooks' schedule); the first is the first attempt.
     * Each pause is spread by up to a tenth either way; a longer {@code Retry-After} is honoured.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
    List<Duration> retrySchedule();

    /** A receiver's answer is read up to this many bytes, the rest discarded. */
    @WithDefault("4096")
    int maxResponseBytes();

    /**
     * Whether callbacks may resolve to loopback, private, link-local or unique-local addresses. Off: such
     * callbacks are refused when subscribing and at each delivery (multicast and unspecified addresses always).
     */
    @WithDefault("false")
    boolean allowPrivateCallbacks();

    /** How long a rotated-out secret goes on signing next to the new one, by default. */
    @WithDefault("24h")
    Duration secretGrace();

    /** WebSub leases: the one given when the subscriber asks none, and the bounds of what it may ask. */
    @WithDefault("10d")
    Duration defaultLease();

    @WithDefault("60s")
    Duration minLease();

    @WithDefault("30d")
    Duration maxLease();
}
