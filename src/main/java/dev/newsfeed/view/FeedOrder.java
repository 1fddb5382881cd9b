package dev.newsfeed.view;

import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;

/** The order of a feed page: newest publication first, or best match of the search words first. */
public enum FeedOrder {
    NEWEST(ArticleDocuments.FEED_ORDER),
    /** By score, then as NEWEST; without search words every score is equal. */
    RELEVANCE(new Sort(SortField.FIELD_SCORE, ArticleDocuments.FEED_ORDER.getSort()[0],
            ArticleDocuments.FEED_ORDER.getSort()[1]));

    final Sort sort;

    FeedOrder(Sort sort) {
        this.sort = sort;
    }
}
