package dev.newsfeed.feed;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.TextFolding;

/**
 * Which articles a feed request wants: a tag, words that must all appear in the title, subtitle, summary or body
 * (case and accents ignored, so {@code zelenskyy} finds nothing but {@code kyiv} finds "Kyiv" and
 * {@code cafe} finds "café"), a source prefix, and a publication window {@code [from, to)}.
 */
public record FeedFilter(List<String> words, String tag, String sourcePrefix, Instant from, Instant to)
        implements Predicate<Article> {

    public static final FeedFilter NONE = new FeedFilter(List.of(), null, null, null, null);

    private static final Pattern SPACES = Pattern.compile("\\s+");

    public FeedFilter {
        words = List.copyOf(words);
    }

    /** A filter from query parameters; null or blank parameters filter nothing. */
    public static FeedFilter of(String query, String sourcePrefix, Instant from, Instant to) {
        return of(query, null, sourcePrefix, from, to);
    }

    public static FeedFilter of(String query, String tag, String sourcePrefix, Instant from, Instant to) {
        List<String> words = query == null || query.isBlank() ? List.of()
                : Arrays.stream(SPACES.split(TextFolding.fold(query.strip()))).toList();
        return new FeedFilter(words, blankToNull(tag), blankToNull(sourcePrefix), from, to);
    }

    public boolean isNone() {
        return words.isEmpty() && tag == null && sourcePrefix == null && from == null && to == null;
    }

    @Override
    public boolean test(Article article) {
        if (tag != null && !article.tags().contains(tag)) {
            return false;
        }
        if (sourcePrefix != null && !article.source().startsWith(sourcePrefix)) {
            return false;
        }
        if (from != null && article.publishedAt().isBefore(from)) {
            return false;
        }
        if (to != null && !article.publishedAt().isBefore(to)) {
            return false;
        }
        if (words.isEmpty()) {
            return true;
        }
        String text = TextFolding.fold(String.join(" ", nonNull(article.title()), nonNull(article.subtitle()),
                nonNull(article.summary()), String.join(" ", article.body())));
        return words.stream().allMatch(text::contains);
    }

    /** A stable description, part of the ETag of a filtered page. */
    @Override
    public String toString() {
        return "q=" + words + "|tag=" + tag + "|source=" + sourcePrefix + "|from=" + from + "|to=" + to;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
