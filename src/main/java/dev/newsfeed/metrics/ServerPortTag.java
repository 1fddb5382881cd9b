package dev.newsfeed.metrics;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Drops the {@code server.port} tag that Quarkus 3.34 puts on the HTTP servers' meters, but only on a server whose
 * port is fixed: with the API on a random port (0, as the packaged-jar tests run it) and the management interface on
 * a fixed one, the two servers registered {@code http.server.bytes.read} with two sets of tag keys, which Prometheus
 * refuses, and the failure stopped the HTTP server from starting. The two servers serve different paths, so their
 * series stay apart by {@code uri}.
 */
@Singleton
public class ServerPortTag {

    @Produces
    @Singleton
    MeterFilter withoutServerPort() {
        return MeterFilter.ignoreTags("server.port");
    }
}
