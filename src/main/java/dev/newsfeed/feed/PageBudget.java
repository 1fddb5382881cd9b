package dev.newsfeed.feed;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.newsfeed.article.Article;
import dev.newsfeed.http.HttpSettings;

/**
 * Bounds what one page costs to build and send: {@code limit} items of up to 512 KiB each would otherwise
 * be a 50 MB answer, held in direct memory for as long as the client takes to read it. A page over the
 * budget is asked for again with fewer items, so its {@code next} (cursor or since token) still continues
 * exactly after its last item.
 */
@ApplicationScoped
public class PageBudget {

    /** Response header set on a page cut short by the budget; its value names the budget. */
    public static final String TRUNCATED_HEADER = "Feed-Page-Truncated";

    /** Ids, times, hash, slug, tags and the markup around them, per article, in every format. */
    private static final long SHARE_PER_ARTICLE = 1024;

    private final long budget;

    @Inject
    PageBudget(HttpSettings settings) {
        this(settings.pageBudget());
    }

    PageBudget(long budget) {
        this.budget = budget;
    }

    /** A page, and whether the budget cut it short of what the client asked for. */
    public record Fitted<P>(P page, boolean truncated) {
    }

    /**
     * The page of at most {@code limit} items whose articles fit in the budget, with at least one item; with
     * {@code bodies} false (fields=summary), article bodies are left out of the answer and of the count. Each
     * new try has fewer items than the one before, so this ends; only a feed changing under it needs more than
     * two.
     */
    public <P> Fitted<P> fit(int limit, IntFunction<P> query, Function<P, List<Article>> articles, boolean bodies) {
        P page = query.apply(limit);
        boolean truncated = false;
        List<Article> items = articles.apply(page);
        int fitting = Math.max(1, fitting(items, bodies));
        while (fitting < items.size()) {
            // items.size() <= the limit asked for, so every try asks for fewer.
            page = query.apply(fitting);
            truncated = true;
            items = articles.apply(page);
            fitting = Math.max(1, fitting(items, bodies));
        }
        return new Fitted<>(page, truncated);
    }

    public String headerValue() {
        return "byte-budget=" + budget;
    }

    /** How many of the articles, from the first, fit in the budget; bodies count only when they are sent. */
    int fitting(List<Article> items, boolean bodies) {
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            total += size(items.get(i), bodies);
            if (total > budget) {
                return i;
            }
        }
        return items.size();
    }

    static long size(Article article, boolean bodies) {
        if (article == null) {
            return SHARE_PER_ARTICLE;
        }
        long size = SHARE_PER_ARTICLE + length(article.title()) + length(article.subtitle())
                + length(article.summary()) + length(article.source());
        if (!bodies || article.body() == null) {
            return size;
        }
        for (String paragraph : article.body()) {
            size += length(paragraph) + 8;
        }
        return size;
    }

    private static long length(String text) {
        return text == null ? 0 : text.length();
    }
}
