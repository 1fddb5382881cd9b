import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sequential GET latency of feed requests: for each {@code name=path} argument, WARMUP requests that are not
 * counted, then COUNT timed ones, one at a time on one keep-alive connection (HTTP/1.1, no compression, no
 * conditional headers, so every answer is a whole 200). Prints per variant:
 * {@code LATENCY name p50_ms p99_ms mean_ms max_ms items bytes}, where items counts the articles in the last
 * answer (its {@code "contentHash"} fields). Any answer other than 200 fails the run.
 *
 * <pre>java bench/FeedLatency.java BASE_URL COUNT WARMUP name=/feed?q=x ...</pre>
 */
public class FeedLatency {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int count = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        for (int a = 3; a < args.length; a++) {
            int eq = args[a].indexOf('=');
            String name = args[a].substring(0, eq);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + args[a].substring(eq + 1)))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
            long[] nanos = new long[count];
            String body = "";
            for (int i = -warmup; i < count; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(name + ": " + request.uri() + " answered "
                            + response.statusCode() + ": " + response.body());
                }
                if (i >= 0) {
                    nanos[i] = took;
                }
                body = response.body();
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            int items = body.split("\"contentHash\"", -1).length - 1;
            System.out.printf("LATENCY %s %.3f %.3f %.3f %.3f %d %d%n", name, percentile(nanos, 50) / 1e6,
                    percentile(nanos, 99) / 1e6, mean, nanos[count - 1] / 1e6, items, body.length());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
