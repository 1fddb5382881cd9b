package dev.newsfeed.article;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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
        layOut(text::append);
        return text.toString();
    }

    /** SHA-256 of the canonical text's UTF-8 bytes, in lower-case hex: the version of an article. */
    public String contentHash() {
        Sha256.OfText hash = new Sha256.OfText();
        layOut(hash::add);
        return hash.hex();
    }

    /** Hands the canonical text over in pieces, each whole (never a surrogate pair split between two). */
    private void layOut(Consumer<String> text) {
        if (summary != null) {
            text.accept(summary);
            text.accept("\n");
        }
        text.accept(title);
        text.accept("\n\n");
        text.accept(title);
        text.accept("\n");
        if (subtitle != null) {
            text.accept(subtitle);
            text.accept("\n");
        }
        for (int i = 0; i < body.size(); i++) {
            if (i > 0) {
                text.accept("\n");
            }
            text.accept(body.get(i));
        }
    }

    /**
     * Words in the body: runs of characters other than ASCII whitespace (space, TAB, LF, VT, FF, CR) that hold at
     * least one letter or digit. Counted in one pass: splitting each paragraph with a regular expression was 2% of a
     * write's CPU (issue 10).
     */
    public int wordCount() {
        int words = 0;
        for (String paragraph : body) {
            boolean counted = false;
            for (int i = 0; i < paragraph.length();) {
                int c = paragraph.codePointAt(i);
                i += Character.charCount(c);
                if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                    counted = false;
                } else if (!counted && Character.isLetterOrDigit(c)) {
                    words++;
                    counted = true;
                }
            }
        }
        return words;
    }
}
