package dev.newsfeed.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams: CLIENTS connections to {@code /feed/stream?fields=summary} (what the web reader opens), then articles
 * POSTed at RATE per second for SECONDS. Prints the delivery latency (POST sent to the event's data line at a
 * client; every client, every event; and from the POST's 201 instead, which can be negative), the service's CPU per delivered event (from /proc/PID/stat, while posting
 * and draining), and how many clients were disconnected or received fewer events than were published.
 *
 * <pre>java dev.newsfeed.bench.SseFanout BASE TOKEN SEED CLIENTS RATE SECONDS TAG SERVICE_PID</pre>
 */
public final class SseFanout {

    private static final int CLIENTS_PER_HTTP_CLIENT = 250;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        Articles articles = new Articles(Path.of(args[2]));
        int clients = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        String tag = args[6];
        long pid = Long.parseLong(args[7]);
        int count = rate * seconds;

        Map<String, Integer> index = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            index.put(Poster.idFor(tag + "-" + i), i);
        }
        long[] sent = new long[count];
        long[] acked = new long[count];
        long capacity = Math.min((long) count * clients, 20_000_000L);
        long[] latencies = new long[(int) capacity];
        int[] articleOf = new int[(int) capacity];
        long[] arrivals = new long[(int) capacity];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong delivered = new AtomicLong();

        List<SseListener> listeners = new ArrayList<>();
        List<CompletableFuture<Integer>> connected = new ArrayList<>();
        HttpClient http = null;
        for (int c = 0; c < clients; c++) {
            if (c % CLIENTS_PER_HTTP_CLIENT == 0) {
                http = Poster.client();
            }
            SseListener listener = new SseListener((id, at) -> {
                Integer i = index.get(id);
                if (i != null && sent[i] > 0) {
                    delivered.incrementAndGet();
                    int slot = recorded.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = at - sent[i];
                        articleOf[slot] = i;
                        arrivals[slot] = at;
                    }
                }
            });
            listeners.add(listener);
            connected.add(listener.connect(http, base + "/feed/stream?fields=summary"));
        }
        int refused = 0;
        for (CompletableFuture<Integer> status : connected) {
            try {
                if (status.get(60, TimeUnit.SECONDS) != 200) {
                    refused++;
                }
            } catch (Exception e) {
                refused++;
            }
        }
        Thread.sleep(1000);

        Poster poster = new Poster(Poster.client(), base, token);
        long cpuBefore = cpuTicks(pid);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        java.util.concurrent.ConcurrentMap<String, Integer> outcomes = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.Semaphore posting = new java.util.concurrent.Semaphore(64);
        for (int i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
            }
            // At most 64 POSTs in flight, as PostLoad: each takes a connection, and with 1,000 streams open the
            // service's connection limit leaves room for no more; past it, Vert.x closes new connections at once.
            posting.acquire();
            sent[i] = System.nanoTime();
            int n = i;
            poster.post(tag + "-" + i, articles.article(tag, i)).whenComplete((response, failure) -> {
                posting.release();
                // What became of each POST: its status, or the client's exception (a refused connection, a timeout).
                outcomes.merge(failure != null ? rootCause(failure).getClass().getSimpleName()
                        : String.valueOf(response.statusCode()), 1, Integer::sum);
                if (failure == null && response.statusCode() == 201) {
                    acked[n] = System.nanoTime();
                    created.incrementAndGet();
                }
            });
        }
        // How far behind its schedule the last POST went out: the 64 in flight were all waiting for their answers.
        long senderLateMs = (System.nanoTime() - (start + (count - 1) * periodNanos)) / 1_000_000;
        long expected = (long) count * (clients - refused);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && delivered.get() < expected) {
            Thread.sleep(100);
        }
        long elapsed = System.nanoTime() - start;
        long cpuAfter = cpuTicks(pid);
        long ended = listeners.stream().filter(SseListener::ended).count();
        long behind = listeners.stream().filter(l -> l.events() < count).count();
        double cpuSeconds = (cpuAfter - cpuBefore) / 100.0;
        long[] sample = java.util.Arrays.copyOf(latencies, Math.min(recorded.get(), latencies.length));
        System.out.printf("sse_clients=%d sse_refused=%d sse_published=%d sse_created=%d sse_expected=%d"
                + " sse_delivered=%d sse_clients_disconnected=%d sse_clients_short=%d sse_seconds=%.1f"
                + " sse_cpu_seconds=%.2f sse_cpu_us_per_event=%.2f sse_events_per_s=%.0f%n",
                clients, refused, count, created.get(), expected, delivered.get(), ended, behind, elapsed / 1e9,
                cpuSeconds, delivered.get() == 0 ? Double.NaN : cpuSeconds * 1e6 / delivered.get(),
                delivered.get() / (elapsed / 1e9));
        System.out.println("sse_sender_late_ms=" + senderLateMs);
        System.out.println("sse_post_outcomes=" + outcomes.toString().replaceAll("[{} ]", "").replace('=', ':'));
        System.out.println(Stats.summary("sse_delivery", sample));
        // From Kafka's acknowledgement (the 201) instead: the fan-out alone, without the queue of the intake.
        long[] afterAck = java.util.stream.IntStream.range(0, sample.length).filter(k -> acked[articleOf[k]] > 0)
                .mapToLong(k -> arrivals[k] - acked[articleOf[k]]).toArray();
        System.out.println(Stats.summary("sse_after_ack", afterAck));
        System.exit(0);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    static long cpuTicks(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
