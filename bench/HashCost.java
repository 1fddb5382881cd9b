import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Sha256;

/**
 * What an article's content hash costs the thread that computes it (two or three times per write): heap allocated
 * and time per hash, for {@code ArticleText.contentHash()} against its peer, the same hash of the canonical text
 * joined first and then encoded ({@code Sha256.hex(canonical().getBytes(UTF_8))}, what contentHash did until
 * 2026-12-07). Alternates the two, ROUNDS times, after a warm-up of each. Run it alone on the machine:
 *
 * <pre>./mvnw -q compile && java -cp target/classes bench/HashCost.java seeds/000_22b61c6839899886.txt [ROUNDS (3)]</pre>
 */
public class HashCost {

    private static final int CALLS = 100_000;

    public static void main(String[] args) throws Exception {
        ArticleText text = new ArticleParser().parse(Files.readAllBytes(Path.of(args[0])));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Supplier<String> hash = text::contentHash;
        Supplier<String> joined = () -> Sha256.hex(text.canonical().getBytes(StandardCharsets.UTF_8));
        if (!hash.get().equals(joined.get())) {
            throw new IllegalStateException("the two give different hashes");
        }
        measure(hash, 2 * CALLS);
        measure(joined, 2 * CALLS);
        for (int round = 1; round <= rounds; round++) {
            long[] own = measure(hash, CALLS);
            long[] peer = measure(joined, CALLS);
            System.out.printf("round %d: contentHash %d B, %d ns a hash; joined then encoded %d B, %d ns;"
                    + " ratio %.2f (bytes), %.2f (time)%n", round, own[0], own[1], peer[0], peer[1],
                    (double) own[0] / peer[0], (double) own[1] / peer[1]);
        }
    }

    /** Bytes allocated and nanoseconds per call, on this thread. */
    private static long[] measure(Supplier<String> hash, int calls) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int sink = 0;
        long bytes = threads.getThreadAllocatedBytes(thread);
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            sink += hash.get().length();
        }
        long elapsed = System.nanoTime() - started;
        bytes = threads.getThreadAllocatedBytes(thread) - bytes;
        if (sink == 0) {
            throw new IllegalStateException("no hash");
        }
        return new long[] { bytes / calls, elapsed / calls };
    }
}
