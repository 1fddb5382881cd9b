package dev.newsfeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Prometheus histogram of the service counted between two scrapes of {@code /q/metrics}: the number of
 * observations and their p50 and p99 in milliseconds, interpolated within the bucket each falls in (as
 * Prometheus' {@code histogram_quantile} does). So a benchmark reads the service's own timers for its run alone,
 * whatever came before it.
 *
 * <pre>java dev.newsfeed.bench.HistogramDelta BEFORE AFTER METRIC [NAME]</pre>
 * METRIC is the histogram's name without {@code _bucket}, e.g. {@code newsfeed_feed_visible_delay_seconds}, and may
 * name one label value in braces, e.g. {@code newsfeed_ingest_sync_seconds{through="view"}}; prints
 * {@code NAME_n=... NAME_p50=... NAME_p99=...}.
 */
public final class HistogramDelta {

    private static final Pattern BUCKET = Pattern.compile("^(\\S+)_bucket\\{(?:.*,)?le=\"([^\"]+)\".*\\}\\s+(\\S+)$");

    public static void main(String[] args) throws IOException {
        String metric = args[2];
        String name = args.length > 3 ? args[3] : metric;
        TreeMap<Double, Double> before = buckets(Path.of(args[0]), metric);
        TreeMap<Double, Double> after = buckets(Path.of(args[1]), metric);
        TreeMap<Double, Double> delta = new TreeMap<>();
        after.forEach((le, count) -> delta.put(le, count - before.getOrDefault(le, 0.0)));
        double total = delta.isEmpty() ? 0 : delta.lastEntry().getValue();
        System.out.printf("%s_n=%.0f %s_p50=%s %s_p99=%s%n", name, total, name, quantile(delta, 0.5, total), name,
                quantile(delta, 0.99, total));
    }

    /** Cumulative counts by upper bound in seconds; +Inf as infinity. */
    private static TreeMap<Double, Double> buckets(Path scrape, String metric) throws IOException {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String name = metric;
        String label = null;
        if (metric.contains("{")) {
            name = metric.substring(0, metric.indexOf('{'));
            label = metric.substring(metric.indexOf('{') + 1, metric.lastIndexOf('}'));
        }
        for (String line : Files.readAllLines(scrape)) {
            Matcher bucket = BUCKET.matcher(line);
            if (bucket.matches() && bucket.group(1).equals(name) && (label == null || line.contains(label))) {
                double le = bucket.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(2));
                buckets.merge(le, Double.parseDouble(bucket.group(3)), Double::sum);
            }
        }
        return buckets;
    }

    /** In milliseconds, two decimals; "-" with no observations, and the last finite bound when it lies past it. */
    private static String quantile(TreeMap<Double, Double> cumulative, double q, double total) {
        if (total <= 0) {
            return "-";
        }
        double rank = q * total;
        double lower = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return String.format(">%.2f", lower * 1000);
                }
                double inBucket = bucket.getValue() - countBelow;
                double fraction = inBucket <= 0 ? 1 : (rank - countBelow) / inBucket;
                return String.format("%.2f", (lower + (bucket.getKey() - lower) * fraction) * 1000);
            }
            lower = bucket.getKey();
            countBelow = bucket.getValue();
        }
        return "-";
    }
}
