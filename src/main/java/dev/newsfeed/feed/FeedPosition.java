package dev.newsfeed.feed;

import java.time.Instant;
import java.util.Comparator;

import dev.newsfeed.article.Article;

/** Where an article stands in the feed: newest publication first, ties broken by id. */
record FeedPosition(Instant publishedAt, String id) implements Comparable<FeedPosition> {

    private static final Comparator<FeedPosition> FEED_ORDER = Comparator
            .comparing(FeedPosition::publishedAt, Comparator.reverseOrder())
            .thenComparing(FeedPosition::id);

    static FeedPosition of(Article article) {
        return new FeedPosition(article.publishedAt(), article.id());
    }

    @Override
    public int compareTo(FeedPosition other) {
        return FEED_ORDER.compare(this, other);
    }
}
