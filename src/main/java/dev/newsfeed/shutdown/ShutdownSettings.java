package dev.newsfeed.shutdown;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "newsfeed.shutdown")
public interface ShutdownSettings {

    /**
     * How long writes in flight at shutdown (HTTP writes waiting for Kafka, files being published) may take to
     * finish, counted from the moment intake stops. Quarkus waits as long for HTTP requests in flight
     * ({@code quarkus.shutdown.timeout}). Keep it below the grace period of whatever stops the service (Docker: 10 s
     * unless told otherwise, Kubernetes: 30 s), which kills it after that.
     */
    @WithDefault("10s")
    Duration drainTimeout();
}
