import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.sun.management.OperatingSystemMXBean;

import dev.newsfeed.view.ArticleChange;
import dev.newsfeed.view.FeedView;

/**
 * What the view costs a writer who comes alone: a FeedView on disk is filled with BASE articles of
 * bench/WriteArticles (in batches, committed), then LONE more are applied one record at a time, as the reader
 * applies a POST that arrives alone: each apply writes the document and refreshes the index so that the article
 * shows. After each, the first page is read once, as a poller would. No Kafka, no HTTP: the view's own share of
 * a lone POST's wait. Prints, per round of LONE/ROUNDS records: apply-and-show wall p50/p90/p99, the applying
 * thread's CPU per record, the process's CPU per record (Lucene's merges, the JIT), and a page's wall p50.
 *
 * <pre>bench/rebuild.sh --lone [BASE (20000)] [LONE (6000)] [ROUNDS (6)]</pre>
 */
public class LoneApply {

    public static void main(String[] args) throws Throwable {
        int base = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int lone = args.length > 1 ? Integer.parseInt(args[1]) : 6_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Path folder = Files.createTempDirectory("newsfeed-lone-apply");
        WriteArticles generator = new WriteArticles();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        MethodHandle decode = RebuildBench.decoder();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long offset = 0;
        try (FeedView view = FeedView.open(folder)) {
            for (int from = 0; from < base; from += RebuildBench.BATCH) {
                List<ArticleChange> batch = new ArrayList<>();
                for (int i = from; i < Math.min(base, from + RebuildBench.BATCH); i++) {
                    batch.add(change(decode, generator.article(42, i, sha256), offset++));
                }
                view.apply(batch, Map.of("a0", offset));
            }
            view.commit();
            // Made before the timing: generating and decoding a record is the reader's work, not the view's.
            List<ArticleChange> records = new ArrayList<>(lone);
            for (int i = 0; i < lone; i++) {
                records.add(change(decode, generator.article(43, i, sha256), offset + i));
            }
            int perRound = lone / rounds;
            for (int round = 0; round < rounds; round++) {
                long[] apply = new long[perRound];
                long[] page = new long[perRound];
                long threadCpu = threads.getCurrentThreadCpuTime();
                long processCpu = os.getProcessCpuTime();
                long pageCpu = 0;
                for (int i = 0; i < perRound; i++) {
                    ArticleChange record = records.get(round * perRound + i);
                    long start = System.nanoTime();
                    view.apply(List.of(record), Map.of("a0", record.position().offset() + 1));
                    apply[i] = System.nanoTime() - start;
                    long pageStart = System.nanoTime();
                    long pageCpuStart = threads.getCurrentThreadCpuTime();
                    view.page(20);
                    page[i] = System.nanoTime() - pageStart;
                    pageCpu += threads.getCurrentThreadCpuTime() - pageCpuStart;
                }
                double applyCpu = (threads.getCurrentThreadCpuTime() - threadCpu - pageCpu) / 1e6 / perRound;
                double allCpu = (os.getProcessCpuTime() - processCpu) / 1e6 / perRound;
                Arrays.sort(apply);
                Arrays.sort(page);
                System.out.printf("round %d (%d lone records on %d): apply and show p50 %.2f / p90 %.2f / p99 %.2f ms;"
                        + " applying thread %.2f ms CPU a record; process %.2f ms CPU a record, pages included;"
                        + " first page p50 %.2f ms%n", round + 1, perRound, base, ms(apply, 50), ms(apply, 90),
                        ms(apply, 99), applyCpu, allCpu, ms(page, 50));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ArticleChange change(MethodHandle decode, String[] article, long offset) throws Throwable {
        return (ArticleChange) decode.invoke(new ConsumerRecord<>("newsfeed.articles", 0, offset, article[0],
                article[1].getBytes(StandardCharsets.UTF_8)));
    }

    private static double ms(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
