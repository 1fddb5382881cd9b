package dev.newsfeed.bench;

import java.util.Arrays;

/** Percentiles of latencies in nanoseconds, printed in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double percentileMs(long[] nanos, double p) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** {@code name_p50=… name_p99=… name_max=… name_n=…} in milliseconds: the line the scripts parse. */
    static String summary(String name, long[] nanos) {
        return String.format("%s_p50=%.2f %s_p99=%.2f %s_max=%.2f %s_n=%d", name, percentileMs(nanos, 50), name,
                percentileMs(nanos, 99), name, percentileMs(nanos, 100), name, nanos.length);
    }
}
