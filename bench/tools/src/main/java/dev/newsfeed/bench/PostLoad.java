package dev.newsfeed.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Ingest over HTTP: COUNT distinct articles POSTed with CONCURRENCY requests in flight (closed loop). Each 201
 * means Kafka acknowledged the article (acks=all). Prints {@code http_rate} (201s per second, first request to
 * last answer), the status codes and the latency of the answers.
 *
 * <pre>java dev.newsfeed.bench.PostLoad BASE TOKEN SEED COUNT CONCURRENCY TAG TIMEOUT_SECONDS</pre>
 */
public final class PostLoad {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        Articles articles = new Articles(Path.of(args[2]));
        int count = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        String tag = args[5];
        long timeoutSeconds = Long.parseLong(args[6]);
        Poster poster = new Poster(Poster.client(), base, token);
        Semaphore inFlight = new Semaphore(concurrency);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        long[] latencies = new long[count];
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
            inFlight.acquire();
            int n = i;
            String key = tag + "-" + i;
            long sent = System.nanoTime();
            poster.post(key, articles.article(tag, i)).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                latencies[n] = now - sent;
                int status = failure != null ? -1 : response.statusCode();
                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                lastAnswer.accumulateAndGet(now, Math::max);
                done.incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.tryAcquire(concurrency, Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        double seconds = (lastAnswer.get() - start) / 1e9;
        long created = statuses.getOrDefault(201, new LongAdder()).sum();
        StringBuilder codes = new StringBuilder();
        statuses.forEach((status, n) -> codes.append(status).append(':').append(n.sum()).append(','));
        System.out.printf("http_posts=%d http_created=%d http_seconds=%.3f http_rate=%.1f http_statuses=%s %s%n",
                done.get(), created, seconds, created / seconds, codes, Stats.summary("http_latency",
                        java.util.Arrays.stream(latencies).filter(l -> l > 0).toArray()));
        System.exit(created == count ? 0 : 2);
    }
}
