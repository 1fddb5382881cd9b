package dev.newsfeed.feed;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "newsfeed.feed")
public interface FeedSettings {

    /**
     * How long clients and caches may reuse a feed page or article without asking again ({@code Cache-Control:
     * max-age}); after that a conditional request costs a 304.
     */
    @WithDefault("5s")
    Duration maxAge();

    /** How often {@code /feed/stream} sends a comment line while no change is due, to keep the connection open. */
    @WithDefault("15s")
    Duration streamHeartbeat();

    /**
     * How many changes may wait for one {@code /feed/stream} client before it is found too slow and
     * disconnected; it then resumes from its {@code Last-Event-ID}.
     */
    @WithDefault("1000")
    int streamBuffer();

    /**
     * Open {@code /feed/stream} connections at most; more are answered 503 with {@code Retry-After}. Must stay below
     * {@code quarkus.http.limits.max-connections}, so that streams, which last, leave connections for ordinary
     * requests (the start fails otherwise): by default half of the 512.
     */
    @WithDefault("256")
    int streamMax();

    /**
     * Open {@code /feed/stream} connections of one client address at most; more are answered 503. A browser holds
     * one per tab. Behind a reverse proxy every client has the proxy's address unless Quarkus is told to trust its
     * forwarding headers ({@code quarkus.http.proxy.proxy-address-forwarding}).
     */
    @WithDefault("8")
    int streamMaxPerClient();

    /** The feed's title in JSON Feed, Atom and RSS. */
    @WithDefault("newsfeed")
    String title();

    /**
     * Who entries are by, in Atom ({@code author/name}) and RSS ({@code dc:creator}): articles carry no author of
     * their own, and a feed validator warns about an entry without one.
     */
    @WithDefault("newsfeed")
    String author();
}
