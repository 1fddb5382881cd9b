package dev.newsfeed.view;

import java.time.Instant;
import java.util.Comparator;

import dev.newsfeed.article.Article;

/** Where an article stands in the feed: newest publication first, ties broken by id. */
record FeedPosition(Instant publishedAt, String id) implements Comparable<FeedPosition> {

    private static final Comparator<FeedPosition> FEED_ORDER = Comparator
            .comparing(FeedPosition::publishedAt, Comparator.reverseOrder())
            .thenComparing(FeedPosition::id);

    /**
     * The publication time as the index sorts it: nanoseconds since the epoch, held at the ends of a long for
     * times before 1677 or after 2262, which then sort by id among themselves.
     */
    static long sortKey(Instant time) {
        try {
            return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano());
        } catch (ArithmeticException e) {
            return time.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
    }

    static FeedPosition of(Article article) {
        return new FeedPosition(article.publishedAt(), article.id());
    }

    @Override
    public int compareTo(FeedPosition other) {
        return FEED_ORDER.compare(this, other);
    }
}
