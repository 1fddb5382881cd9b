package dev.newsfeed.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.newsfeed.article.Article;

/**
 * One article as the reader shows it. Every text here is the article's own, untrusted: the templates print it
 * escaped and nothing else (Qute escapes by default in {@code .html} templates; none of them uses {@code raw}).
 */
public record ArticleCard(String id, String href, String hash, String title, String subtitle, String summary,
        List<Chip> tags, String source, int readingMinutes, String published, String publishedExact, String ago,
        boolean edited) {

    /** A tag as a link that filters the list by it. */
    public record Chip(String slug, String href, boolean active) {
    }

    static ArticleCard of(Article article, Instant now, String activeTag) {
        List<Chip> chips = article.tags().stream()
                .map(tag -> new Chip(tag, ReaderLinks.list(null, tag, null), tag.equals(activeTag)))
                .toList();
        return new ArticleCard(article.id(), href(article.id()), article.contentHash(), article.title(),
                article.subtitle(), article.summary(), chips, article.source(), Math.max(1, article.readingMinutes()),
                article.publishedAt().toString(), RelativeTime.exact(article.publishedAt()),
                RelativeTime.ago(article.publishedAt(), now), !article.updatedAt().equals(article.publishedAt()));
    }

    /** The reader's page of an article; {@code app.js} builds the same link for live articles. */
    static String href(String id) {
        return "/read/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
