package dev.newsfeed.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import dev.newsfeed.view.FeedPage;
import dev.newsfeed.article.Article;

/**
 * The feed page in the formats feed readers read: JSON Feed 1.1, Atom 1.0 and RSS 2.0 (the last two written
 * by Rome). Links are absolute, built from the public base URL; an entry's id is its article's URL, which
 * never changes, and its update time is the article's {@code updatedAt}.
 */
public final class FeedRenderer {

    public static final String ATOM = "application/atom+xml";
    public static final String RSS = "application/rss+xml";

    private final String baseUrl;
    private final String title;

    public FeedRenderer(String baseUrl, String title) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.title = title;
    }

    /** @param nextQuery the query string of the next page, or null on the last */
    public JsonFeed jsonFeed(FeedPage page, String nextQuery) {
        List<JsonFeed.Item> items = page.items().stream().map(article -> new JsonFeed.Item(
                articleUrl(article), articleUrl(article), article.title(), summaryOf(article), contentOf(article),
                article.publishedAt(), article.updatedAt())).toList();
        return new JsonFeed(JsonFeed.VERSION, title, baseUrl + "/feed", baseUrl + "/feed.json",
                nextQuery == null ? null : baseUrl + "/feed.json?" + nextQuery, items);
    }

    /** @param nextQuery the query string of the next page, or null on the last */
    public String atom(FeedPage page, String nextQuery, Instant updated) {
        SyndFeed feed = feed("atom_1.0", updated);
        feed.setUri(baseUrl + "/feed.atom");
        List<SyndLink> links = new ArrayList<>();
        links.add(link("self", baseUrl + "/feed.atom", ATOM));
        links.add(link("alternate", baseUrl + "/feed", "application/json"));
        if (nextQuery != null) {
            links.add(link("next", baseUrl + "/feed.atom?" + nextQuery, ATOM));
        }
        feed.setLinks(links);
        feed.setEntries(entries(page));
        return write(feed);
    }

    public String rss(FeedPage page, Instant updated) {
        SyndFeed feed = feed("rss_2.0", updated);
        feed.setLink(baseUrl + "/feed");
        feed.setEntries(entries(page));
        return write(feed);
    }

    private SyndFeed feed(String type, Instant updated) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setTitle(title);
        feed.setDescription("The latest articles of " + title);
        feed.setPublishedDate(Date.from(updated));
        return feed;
    }

    private List<SyndEntry> entries(FeedPage page) {
        List<SyndEntry> entries = new ArrayList<>();
        for (Article article : page.items()) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setUri(articleUrl(article));
            entry.setLink(articleUrl(article));
            entry.setTitle(article.title());
            entry.setPublishedDate(Date.from(article.publishedAt()));
            entry.setUpdatedDate(Date.from(article.updatedAt()));
            String summary = summaryOf(article);
            if (summary != null) {
                entry.setDescription(text(summary));
            }
            entry.setContents(List.of(text(contentOf(article))));
            entries.add(entry);
        }
        return entries;
    }

    private String articleUrl(Article article) {
        return baseUrl + "/articles/" + article.id();
    }

    private static String summaryOf(Article article) {
        return article.summary() != null ? article.summary() : article.subtitle();
    }

    private static String contentOf(Article article) {
        return String.join("\n\n", article.body());
    }

    private static SyndContent text(String value) {
        SyndContent content = new SyndContentImpl();
        content.setType("text/plain");
        content.setValue(value);
        return content;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        return link;
    }

    private static String write(SyndFeed feed) {
        try {
            return new SyndFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the " + feed.getFeedType() + " feed", e);
        }
    }
}
