package dev.newsfeed.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Distinct seed-like articles: the seed with its summary and title (both places it stands) prefixed by a number,
 * so that every article has its own text, hash and title but the seed's shape and size.
 *
 * <pre>java dev.newsfeed.bench.Articles SEED DIR COUNT PREFIX</pre> writes DIR/PREFIX-NNNNNN.txt.
 */
public final class Articles {

    private final String[] lines;
    private final int titleLine;

    public Articles(Path seed) throws IOException {
        lines = Files.readString(seed, StandardCharsets.UTF_8).split("\n", -1);
        int title = 0;
        for (int i = 0; i + 2 < lines.length; i++) {
            if (!lines[i].isBlank() && lines[i + 1].isBlank() && lines[i].equals(lines[i + 2])) {
                title = i;
                break;
            }
        }
        titleLine = title;
    }

    /** The article of number {@code n}, tagged with {@code tag} (a run's name keeps runs apart). */
    public byte[] article(String tag, long n) {
        StringBuilder text = new StringBuilder(4096);
        String mark = tag + " " + n + ". ";
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                text.append('\n');
            }
            boolean marked = (i == 0 && titleLine > 0) || (i == titleLine) || (i == titleLine + 2 && titleLine >= 0);
            text.append(marked && !lines[i].isBlank() ? mark + lines[i] : lines[i]);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        Articles articles = new Articles(Path.of(args[0]));
        Path dir = Files.createDirectories(Path.of(args[1]));
        int count = Integer.parseInt(args[2]);
        String prefix = args[3];
        for (int i = 1; i <= count; i++) {
            Files.write(dir.resolve(String.format("%s-%06d.txt", prefix, i)), articles.article(prefix, i));
        }
    }
}
