package dev.newsfeed.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Every timer of the service ({@code newsfeed.*}) is published as a histogram, with buckets from {@link #FASTEST}
 * to {@link #SLOWEST}: Prometheus computes any quantile over any period from them and sums them across instances,
 * which every instance holding the same view makes meaningful. Slower than the last bucket counts in +Inf.
 */
@Singleton
public class TimerHistograms {

    static final Duration FASTEST = Duration.ofMillis(1);
    static final Duration SLOWEST = Duration.ofMinutes(1);

    @Produces
    @Singleton
    MeterFilter newsfeedTimersAsHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith("newsfeed.")) {
                    return config;
                }
                // A timer's histogram is kept in nanoseconds.
                return DistributionStatisticConfig.builder().percentilesHistogram(true)
                        .minimumExpectedValue((double) FASTEST.toNanos())
                        .maximumExpectedValue((double) SLOWEST.toNanos())
                        .build().merge(config);
            }
        };
    }
}
