package dev.newsfeed.web;

import java.util.List;

/** One article with its whole body, a paragraph per element. */
public record ArticlePage(ArticleCard article, List<String> body) {
}
