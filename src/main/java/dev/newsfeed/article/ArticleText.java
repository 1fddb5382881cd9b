package dev.newsfeed.article;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What the parser reads out of an article text, before it gets an identity and publication times.
 * {@code summary} and {@code subtitle} are null when the text has none.
 */
public record ArticleText(String title, String subtitle, String summary, List<String> body) {

    public ArticleText {
        Objects.requireNonNull(title, "title");
        body = List.copyOf(body);
    }

    /**
     * The text in the canonical seed layout. Two files that differ only in what the parser tolerates
     * (line endings, BOM, blank lines, spacing) render the same, so their hash is the same.
     */
    public String canonical() {
        StringBuilder text = new StringBuilder();
        if (summary != null) {
            text.append(summary).append('\n');
        }
        text.append(title).append("\n\n").append(title).append('\n');
        if (subtitle != null) {
            text.append(subtitle).append('\n');
        }
        text.append(String.join("\n", body));
        return text.toString();
    }

    /** SHA-256 of the canonical text, in lower-case hex: the version of an article. */
    public String contentHash() {
        return Sha256.hex(canonical().getBytes(StandardCharsets.UTF_8));
    }

    /** Words in the body: runs of non-space characters that hold at least one letter or digit. */
    public int wordCount() {
        int words = 0;
        for (String paragraph : body) {
            for (String token : paragraph.split("\\s+")) {
                if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    words++;
                }
            }
        }
        return words;
    }
}
