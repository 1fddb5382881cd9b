package dev.newsfeed.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import dev.newsfeed.article.ArticleParseException;
import dev.newsfeed.article.ArticleParser;

/**
 * The article parser (structure only: no enrichment) on the seed and on a 100 KB article made of the seed's
 * paragraphs, against a plain newline scan of the same bytes: the least any parser of this line format must do.
 * Both consume their result in a Blackhole. Articles/s are operations/s; MB/s is that times the size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    /** The seed article file; bench/run.sh passes seeds/000_22b61c6839899886.txt. */
    @Param("seeds/000_22b61c6839899886.txt")
    public String seed;

    /** {@code seed}: the seed as it is; {@code 100k}: its body paragraphs repeated to 100 KB. */
    @Param({ "seed", "100k" })
    public String size;

    private final ArticleParser parser = new ArticleParser();
    private byte[] bytes;

    @Setup
    public void read() throws IOException, ArticleParseException {
        byte[] text = Files.readAllBytes(Path.of(seed));
        bytes = size.equals("seed") ? text : enlarged(new String(text, StandardCharsets.UTF_8), 100 * 1024);
        parser.parse(bytes);
    }

    /** The seed's head (summary, title, blank line, title, subtitle), then its body paragraphs until {@code target} bytes. */
    static byte[] enlarged(String seed, int target) {
        String[] lines = seed.split("\n");
        int headLines = 5;
        StringBuilder text = new StringBuilder(target + 4096);
        for (int i = 0; i < headLines; i++) {
            text.append(lines[i]).append('\n');
        }
        for (int i = headLines; text.length() < target; i = i + 1 < lines.length ? i + 1 : headLines) {
            text.append(lines[i]).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public void parse(Blackhole hole) throws ArticleParseException {
        hole.consume(parser.parse(bytes));
    }

    @Benchmark
    public void newlineScan(Blackhole hole) {
        byte[] text = bytes;
        int lines = 0;
        for (byte b : text) {
            if (b == '\n') {
                lines++;
            }
        }
        hole.consume(lines);
    }

    /** The size of the input, for MB/s: {@code java -cp … ParserBenchmark SEED} prints {@code seed=… 100k=…}. */
    public static void main(String[] args) throws IOException {
        String text = Files.readString(Path.of(args[0]));
        System.out.printf("bytes_seed=%d bytes_100k=%d%n", text.getBytes(StandardCharsets.UTF_8).length,
                enlarged(text, 100 * 1024).length);
    }
}
