package dev.newsfeed.follower;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "newsfeed.view")
public interface ViewSettings {

    /**
     * Where this instance keeps its view of the feed (a Lucene index and its checkpoint). Deleting it is always
     * safe: the next start reads the topics again. One folder per instance.
     */
    @WithDefault("data/view")
    Path dataDir();

    /** How often what was applied is written to disk with its Kafka positions; a restart reads only what came after. */
    @WithDefault("10s")
    Duration commitInterval();

    /** How long the reader may stay behind the topics without applying anything before readiness turns DOWN. */
    @WithDefault("60s")
    Duration stallTimeout();

    /** The longest pause before the reader tries again after a failure; pauses double from half a second. */
    @WithDefault("30s")
    Duration maxBackoff();
}
