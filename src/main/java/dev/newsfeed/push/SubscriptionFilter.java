package dev.newsfeed.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.newsfeed.article.Article;
import dev.newsfeed.view.FeedFilter;

/**
 * Which articles a subscription wants, in the feed's own words: {@code q} (words that must all appear), {@code tag}
 * and {@code source} (a prefix), matched as {@code GET /feed} matches them. Retractions always pass: a retracted
 * article has no text left to match.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Which articles, in the words of GET /feed")
public record SubscriptionFilter(
        @Schema(example = "ceasefire istanbul") String q,
        @Schema(example = "ukraine") String tag,
        @Schema(example = "file:world/") String source) {

    public static final SubscriptionFilter NONE = new SubscriptionFilter(null, null, null);

    /** @throws dev.newsfeed.problem.ProblemException (400) for a search over the feed's limits */
    public FeedFilter toFeedFilter() {
        return FeedFilter.of(q, tag, source, null, null);
    }

    boolean matches(Article article) {
        return toFeedFilter().test(article);
    }
}
