package dev.newsfeed.feed;

import java.util.List;

import dev.newsfeed.article.Article;

/** A page of the feed, newest first; {@code next} is the cursor of the following page, null on the last. */
public record FeedPage(List<Article> items, String next) {

    public FeedPage {
        items = List.copyOf(items);
    }
}
