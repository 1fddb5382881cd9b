package dev.newsfeed.bench.jmh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.enrich.ArticleEnricher;
import dev.newsfeed.enrich.LegacyNameTagger;
import dev.newsfeed.enrich.NameTagger;

/**
 * Enrichment's name tagger on the text it reads (subtitle, summary and body paragraphs, one a line) of the seed and
 * of the 100 KB article {@link ParserBenchmark} makes of the seed's paragraphs: {@link NameTagger} against
 * {@link LegacyNameTagger}, the regular-expression tagger it replaced (issue 10), in the same run. Both consume
 * their tags in a Blackhole. Articles/s are operations/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnrichBenchmark {

    /** The seed article file; run from the project folder, or pass its path. */
    @Param("seeds/000_22b61c6839899886.txt")
    public String seed;

    /** {@code seed}: the seed as it is; {@code 100k}: its body paragraphs repeated to 100 KB. */
    @Param({ "seed", "100k" })
    public String size;

    private final NameTagger tagger = new NameTagger();
    private final LegacyNameTagger legacy = new LegacyNameTagger();
    private String text;

    @Setup
    public void read() throws IOException, ArticleParseException {
        text = sentenceCase(seed, size);
        List<String> tags = tagger.tags(text);
        if (!tags.equals(legacy.tags(text))) {
            // Measuring two taggers that disagree would compare different work.
            throw new IllegalStateException("the taggers disagree: " + tags + " against " + legacy.tags(text));
        }
    }

    @Benchmark
    public void tags(Blackhole hole) {
        hole.consume(tagger.tags(text));
    }

    @Benchmark
    public void legacyTags(Blackhole hole) {
        hole.consume(legacy.tags(text));
    }

    /** The text ArticleEnricher gives the tagger, from the seed as it is or enlarged to 100 KB. */
    static String sentenceCase(String seed, String size) throws IOException, ArticleParseException {
        byte[] file = Files.readAllBytes(Path.of(seed));
        byte[] bytes = size.equals("seed") ? file
                : ParserBenchmark.enlarged(new String(file, StandardCharsets.UTF_8), 100 * 1024);
        ArticleText article = new ArticleParser().parse(bytes);
        return ArticleEnricher.taggedText(article.subtitle(), article.summary(), article.body());
    }

    /**
     * The size of the text tagged and the tags, for the report: {@code java -cp … EnrichBenchmark SEED} prints
     * {@code chars_seed=… tags_seed=… chars_100k=… tags_100k=…}.
     */
    public static void main(String[] args) throws IOException, ArticleParseException {
        StringBuilder out = new StringBuilder();
        for (String size : List.of("seed", "100k")) {
            String text = sentenceCase(args[0], size);
            out.append(String.format("chars_%s=%d tags_%s=%s ", size, text.length(), size,
                    String.join(",", new NameTagger().tags(text))));
        }
        System.out.println(out.toString().strip());
    }
}
