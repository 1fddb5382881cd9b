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

    /** The feed's title in JSON Feed, Atom and RSS. */
    @WithDefault("newsfeed")
    String title();
}
