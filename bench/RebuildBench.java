import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

import com.sun.management.OperatingSystemMXBean;

import dev.newsfeed.view.ArticleChange;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedOrder;
import dev.newsfeed.view.FeedView;

/**
 * The cold rebuild of the view without Kafka: N records of bench/WriteArticles (the same ~2 KB articles as
 * bench/view.sh writes to the topic) decoded by the reader's own RecordDecoder and applied to a FeedView on
 * disk in batches of 10,000 (as ArticleTopicReader applies a replay), then committed. Peer in the same run: plain
 * Lucene indexing the same documents into its own folder (see {@link #luceneSink}): the same fields, analysers,
 * threads and RAM buffer, from the same records decoded the same way. Records are generated before each timed run,
 * in batches, outside the timing. Prints articles/s wall and per process CPU second for both, and the ratio.
 *
 * <pre>bench/rebuild.sh [N] [ROUNDS]</pre>
 */
public class RebuildBench {

    static final int BATCH = 10_000;

    interface Sink {
        void accept(List<ConsumerRecord<String, byte[]>> batch) throws Throwable;

        void finish() throws Exception;
    }

    public static void main(String[] args) throws Throwable {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = Files.createTempDirectory("newsfeed-rebuild-bench");
        try {
            // Untimed: the JIT compiles both sides' code first, which would otherwise cost round 1's first side.
            int warmup = Integer.getInteger("warmup", 20_000);
            if (warmup > 0) {
                String only = System.getProperty("only", "");
                if (!only.equals("lucene")) {
                    run("warm-up view", warmup, work.resolve("warmup-view"), RebuildBench::viewSink);
                }
                if (!only.equals("view")) {
                    run("warm-up lucene", warmup, work.resolve("warmup-lucene"), RebuildBench::luceneSink);
                }
            }
            for (int round = 1; round <= rounds; round++) {
                String only = System.getProperty("only", "");
                double[] view = new double[2];
                double[] lucene = new double[2];
                // Each side goes first in every other round: the first run of the JVM pays its warm-up.
                for (String side : round % 2 == 1 ? List.of("view", "lucene") : List.of("lucene", "view")) {
                    if (only.isEmpty() || only.equals(side)) {
                        double[] result = run(side, n, work.resolve(side + round),
                                side.equals("view") ? RebuildBench::viewSink : RebuildBench::luceneSink);
                        System.arraycopy(result, 0, side.equals("view") ? view : lucene, 0, 2);
                    }
                }
                if (!only.equals("lucene") && Boolean.parseBoolean(System.getProperty("queries", "true"))) {
                    queries(work.resolve("view" + round));
                }
                System.out.printf("RESULT round %d N %d view %.0f/s (%.0f per CPU s) lucene %.0f/s (%.0f per CPU s)"
                        + " ratio wall %.3f ratio cpu %.3f%n", round, n, view[0], view[1], lucene[0], lucene[1],
                        view[0] / lucene[0], view[1] / lucene[1]);
            }
        } finally {
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** The view reopened on its folder (a warm start), then p50/p99 of a page of 20 for each filter. */
    static void queries(Path folder) {
        long open = System.nanoTime();
        try (FeedView view = FeedView.open(folder)) {
            System.out.printf("view reopened in %.1f ms, %d articles%n", (System.nanoTime() - open) / 1e6, view.size());
            Map<String, FeedFilter> variants = new java.util.LinkedHashMap<>();
            variants.put("all", FeedFilter.NONE);
            variants.put("q-common", FeedFilter.of("government", null, null, null));
            variants.put("q-rare", FeedFilter.of("okavango", null, null, null));
            variants.put("q-none", FeedFilter.of("xylophonist", null, null, null));
            variants.put("tag", FeedFilter.of(null, "istanbul", null, null, null));
            variants.put("source", FeedFilter.of(null, "file:world/", null, null));
            variants.put("from-to", FeedFilter.of(null, null, Instant.parse("2020-03-01T00:00:00Z"),
                    Instant.parse("2020-04-01T00:00:00Z")));
            variants.put("relevance", FeedFilter.of("government", null, null, null));
            for (Map.Entry<String, FeedFilter> variant : variants.entrySet()) {
                FeedOrder order = variant.getKey().equals("relevance") ? FeedOrder.RELEVANCE : FeedOrder.NEWEST;
                long[] times = new long[QUERIES];
                int items = 0;
                for (int i = -WARMUP; i < QUERIES; i++) {
                    long start = System.nanoTime();
                    items = view.page(null, 20, variant.getValue(), order).items().size();
                    if (i >= 0) {
                        times[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(times);
                System.out.printf("QUERY %-10s p50 %7.3f ms  p99 %7.3f ms  items %d%n", variant.getKey(),
                        times[QUERIES / 2] / 1e6, times[QUERIES * 99 / 100] / 1e6, items);
            }
        }
    }

    static final int QUERIES = 300;
    static final int WARMUP = 100;

    interface SinkFactory {
        Sink open(Path folder) throws Throwable;
    }

    static double[] run(String name, int n, Path folder, SinkFactory factory) throws Throwable {
        WriteArticles generator = new WriteArticles();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Sink sink = factory.open(folder);
        long wall = 0;
        long cpu = 0;
        for (int from = 0; from < n; from += BATCH) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                String[] article = generator.article(42, i, sha256);
                batch.add(new ConsumerRecord<>("newsfeed.articles", 0, i, article[0],
                        article[1].getBytes(StandardCharsets.UTF_8)));
            }
            long startWall = System.nanoTime();
            long startCpu = os.getProcessCpuTime();
            sink.accept(batch);
            if (from + BATCH >= n) {
                sink.finish();
            }
            wall += System.nanoTime() - startWall;
            cpu += os.getProcessCpuTime() - startCpu;
        }
        double perSecond = n / (wall / 1e9);
        double perCpuSecond = n / (cpu / 1e9);
        System.out.printf("%s: %d articles in %.2f s wall, %.2f CPU s: %.0f/s, %.0f per CPU s%n", name, n, wall / 1e9,
                cpu / 1e9, perSecond, perCpuSecond);
        return new double[] { perSecond, perCpuSecond };
    }

    /** The reader's own RecordDecoder (package-private: the service's boundary, not an API) bound to the topic. */
    static MethodHandle decoder() throws Exception {
        Class<?> type = Class.forName("dev.newsfeed.follower.RecordDecoder");
        var constructor = type.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Object decoder = constructor.newInstance("newsfeed.articles");
        var method = type.getDeclaredMethod("decode", ConsumerRecord.class);
        method.setAccessible(true);
        return MethodHandles.lookup().unreflect(method).bindTo(decoder);
    }

    static Sink viewSink(Path folder) throws Exception {
        FeedView view = FeedView.open(folder);
        MethodHandle decode = decoder();
        return new Sink() {
            @Override
            public void accept(List<ConsumerRecord<String, byte[]>> batch) throws Throwable {
                List<ArticleChange> changes = new ArrayList<>(batch.size());
                Map<String, Long> readUpTo = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    readUpTo.merge("a0", record.offset() + 1, Math::max);
                    changes.add((ArticleChange) decode.invoke(record));
                }
                view.apply(changes, readUpTo);
            }

            @Override
            public void finish() {
                view.refresh();
                view.commit();
                view.close();
            }
        };
    }

    /**
     * The peer: plain Lucene indexing the very documents the view writes (view.ArticleDocuments of each record's
     * state, decoded by the same RecordDecoder), analysed by the view's own ArticleAnalyzer, with the same RAM buffer
     * and merge scheduler, on the same two indexing threads (the applying thread and one more, each half of a batch),
     * with addDocument and one commit at the end. What the view spends beyond it is its own machinery: id lookups,
     * state, deletes, refreshes, checkpoints.
     */
    static Sink luceneSink(Path folder) throws Throwable {
        Class<?> analyzerType = Class.forName("dev.newsfeed.view.ArticleAnalyzer");
        var analyzerConstructor = analyzerType.getDeclaredConstructor();
        analyzerConstructor.setAccessible(true);
        Analyzer analyzer = (Analyzer) analyzerConstructor.newInstance();
        MethodHandle none = privateStatic("dev.newsfeed.view.ArticleState", "none", String.class);
        Class<?> stateType = Class.forName("dev.newsfeed.view.ArticleState");
        var applyMethod = stateType.getDeclaredMethod("apply", ArticleChange.class);
        applyMethod.setAccessible(true);
        MethodHandle apply = MethodHandles.lookup().unreflect(applyMethod);
        MethodHandle document = privateStatic("dev.newsfeed.view.ArticleDocuments", "document", stateType);
        ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
        merges.disableAutoIOThrottle();
        IndexWriter writer = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig(analyzer)
                .setMergeScheduler(merges).setRAMBufferSizeMB(RAM_BUFFER_MB).setCommitOnClose(false));
        MethodHandle decode = decoder();
        ExecutorService second = Executors.newSingleThreadExecutor();
        return new Sink() {
            @Override
            public void accept(List<ConsumerRecord<String, byte[]>> batch) throws Throwable {
                List<Object> states = new ArrayList<>(batch.size());
                for (ConsumerRecord<String, byte[]> record : batch) {
                    ArticleChange change = (ArticleChange) decode.invoke(record);
                    states.add(apply.invoke(none.invoke(change.id()), change));
                }
                int half = states.size() / 2;
                Future<Void> other = second.submit(() -> {
                    index(states.subList(half, states.size()));
                    return null;
                });
                index(states.subList(0, half));
                other.get();
            }

            private void index(List<Object> states) throws Exception {
                try {
                    for (Object state : states) {
                        writer.addDocument((Document) document.invoke(state));
                    }
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void finish() throws Exception {
                writer.commit();
                writer.close();
                second.shutdownNow();
            }
        };
    }

    /** The view's RAM buffer (ArticleIndex.RAM_BUFFER_MB). */
    static final double RAM_BUFFER_MB = 48;

    static MethodHandle privateStatic(String type, String name, Class<?>... parameters) throws Exception {
        var method = Class.forName(type).getDeclaredMethod(name, parameters);
        method.setAccessible(true);
        return MethodHandles.lookup().unreflect(method);
    }
}
