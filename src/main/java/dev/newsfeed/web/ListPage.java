package dev.newsfeed.web;

import java.util.List;

/**
 * The list page: the articles of one feed page, the filters that chose them, and where the live stream of the
 * same filters starts ({@code stream} is null on older pages, which do not go live).
 */
public record ListPage(String q, String tag, List<ArticleCard> articles, List<ArticleCard.Chip> tags,
        String olderHref, String clearHref, String stream, boolean filtered) {

    public String heading() {
        if (q != null && tag != null) {
            return "Articles tagged " + tag + " matching “" + q + "”";
        }
        if (q != null) {
            return "Articles matching “" + q + "”";
        }
        return tag != null ? "Articles tagged " + tag : "Latest articles";
    }
}
