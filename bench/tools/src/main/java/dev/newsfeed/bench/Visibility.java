package dev.newsfeed.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Visibility latency: COUNT articles at a steady RATE per second, either POSTed or (with a FOLDER) written as a
 * dot-file and renamed into the ingest folder; for each, the time from the request (or rename) to its 201, to its
 * first appearance in {@code GET /feed} (one client following the feed's changes, see {@link #poll}) and to its
 * event on {@code /feed/stream}. Prints p50/p99/max of each in milliseconds.
 *
 * <p>The poller waits {@code -Dfeed.pause.ms} (5) after a poll that brought nothing new before it polls again. Polling
 * back to back, as it first did, kept one core of this 2-core machine busy between the poller and the service,
 * and every POST measured waited for it: at 20 POST/s, POST to 201 p50 57 and 40 ms with it against 26 and 26 ms
 * without it, in one run beside other work (2026-12-06, load average about 10). Its figure therefore includes up to
 * the pause of polling delay.
 *
 * <pre>java [-Dfeed.pause.ms=5] dev.newsfeed.bench.Visibility BASE TOKEN SEED COUNT RATE TAG [FOLDER]</pre>
 */
public final class Visibility {

    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"changes\":\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"next\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        Articles articles = new Articles(Path.of(args[2]));
        int count = Integer.parseInt(args[3]);
        int rate = Integer.parseInt(args[4]);
        String tag = args[5];
        Path folder = args.length > 6 ? Path.of(args[6]) : null;
        String name = folder == null ? "post" : "file";

        HttpClient client = Poster.client();
        Map<String, Integer> index = new ConcurrentHashMap<>();
        long[] sent = new long[count];
        long[] acked = new long[count];
        long[] inFeed = new long[count];
        long[] onStream = new long[count];
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = folder == null ? Poster.idFor(tag + "-" + i) : String.format("%s-%06d", tag, i);
            index.put(ids[i], i);
        }
        SseListener stream = new SseListener((id, at) -> {
            Integer i = index.get(id);
            if (i != null && onStream[i] == 0) {
                onStream[i] = at;
            }
        });
        int status = stream.connect(client, base + "/feed/stream?fields=summary").get(30, TimeUnit.SECONDS);
        if (status != 200) {
            throw new IllegalStateException("/feed/stream answered " + status);
        }
        AtomicInteger seenInFeed = new AtomicInteger();
        Thread poller = new Thread(() -> poll(client, base, index, inFeed, seenInFeed, count), "feed-poller");
        poller.setDaemon(true);
        poller.start();

        Poster poster = new Poster(client, base, token);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, 1_000_000));
            }
            int n = i;
            if (folder == null) {
                sent[n] = System.nanoTime();
                poster.post(tag + "-" + n, articles.article(tag, n)).thenAccept(response -> {
                    if (response.statusCode() == 201) {
                        acked[n] = System.nanoTime();
                    }
                });
            } else {
                Path hidden = folder.resolve("." + ids[n] + ".txt");
                Files.write(hidden, articles.article(tag, n));
                sent[n] = System.nanoTime();
                Files.move(hidden, folder.resolve(ids[n] + ".txt"), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        long lateBehind = (System.nanoTime() - start) / 1_000_000 - (count - 1) * periodNanos / 1_000_000;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && (seenInFeed.get() < count || missing(onStream) > 0)) {
            Thread.sleep(50);
        }
        System.out.printf("%s_count=%d %s_rate=%d %s_sender_late_ms=%d %s_missing_feed=%d %s_missing_stream=%d%n",
                name, count, name, rate, name, lateBehind, name, count - seenInFeed.get(), name, missing(onStream));
        if (folder == null) {
            System.out.println(Stats.summary(name + "_to_201", delta(sent, acked)));
        }
        System.out.println(Stats.summary(name + "_to_feed", delta(sent, inFeed)));
        System.out.println(Stats.summary(name + "_to_stream", delta(sent, onStream)));
        System.exit(0);
    }

    /**
     * Follows the feed with {@code GET /feed?since=TOKEN} (the changes of the view after a token, as a poller that
     * keeps up does), starting from the token of the first page; so no article can scroll past unseen between two
     * polls, as it could on a first page while thousands arrive at once. Again at once after a poll that brought
     * something, after the pause otherwise.
     */
    private static void poll(HttpClient client, String base, Map<String, Integer> index, long[] inFeed,
            AtomicInteger seen, int count) {
        try {
            long pauseMillis = Long.getLong("feed.pause.ms", 5);
            String token = match(TOKEN, get(client, base + "/feed?limit=1"));
            while (seen.get() < count) {
                String body = get(client, base + "/feed?limit=100&fields=summary&since=" + token);
                long now = System.nanoTime();
                Matcher ids = ID.matcher(body);
                boolean found = false;
                while (ids.find()) {
                    found = true;
                    Integer i = index.get(ids.group(1));
                    if (i != null && inFeed[i] == 0) {
                        inFeed[i] = now;
                        seen.incrementAndGet();
                    }
                }
                String next = match(NEXT, body);
                if (next != null) {
                    token = next;
                }
                if (!found && pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
            }
        } catch (Exception e) {
            System.err.println("feed poller stopped: " + e);
        }
    }

    private static String get(HttpClient client, String url) throws java.io.IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? java.net.URLEncoder.encode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8)
                : null;
    }

    private static int missing(long[] times) {
        int missing = 0;
        for (long t : times) {
            if (t == 0) {
                missing++;
            }
        }
        return missing;
    }

    private static long[] delta(long[] from, long[] to) {
        return java.util.stream.IntStream.range(0, from.length).filter(i -> from[i] > 0 && to[i] > 0)
                .mapToLong(i -> to[i] - from[i]).toArray();
    }
}
