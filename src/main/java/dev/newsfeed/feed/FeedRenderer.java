package dev.newsfeed.feed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

import dev.newsfeed.view.FeedPage;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleCharacters;

/**
 * The feed page in the formats feed readers read: JSON Feed 1.1, Atom 1.0 and RSS 2.0 (the last two written
 * by Rome). Links are absolute, built from the public base URL; an entry's id is its article's API URL, which
 * never changes, and its update time is the article's {@code updatedAt}. The link a reader opens is the page
 * for people, {@code /read/{id}} (the JSON stays an Atom {@code related} link), and the feed's own is the web
 * reader at {@code /}.
 *
 * <p>Article text reaches every format as text: JSON Feed's {@code content_text} and Atom's summary carry it as
 * it is; the body in Atom's {@code type="html"} content and RSS's {@code description} and
 * {@code content:encoded}, which readers take as HTML, is HTML-escaped, a paragraph per {@code <p>}, so both read
 * alike. Whatever is on the topic is written through {@link ArticleCharacters#displayable}
 * first, so that no record, however written, can make a feed fail for every reader.
 */
public final class FeedRenderer {

    public static final String ATOM = "application/atom+xml";
    public static final String RSS = "application/rss+xml";
    private static final String HTML = "text/html";

    private static final Namespace ATOM_NAMESPACE = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final String baseUrl;
    private final String title;
    private final String author;

    /** @param author who entries are by, for the feeds that want a name on each ({@code newsfeed.feed.author}) */
    public FeedRenderer(String baseUrl, String title, String author) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.title = ArticleCharacters.displayable(title);
        this.author = ArticleCharacters.displayable(author);
    }

    /** @param nextQuery the query string of the next page, or null on the last */
    public JsonFeed jsonFeed(FeedPage page, String nextQuery) {
        List<JsonFeed.Item> items = page.items().stream().map(article -> new JsonFeed.Item(
                articleUrl(article), pageUrl(article), shown(article.title()), shown(summaryOf(article)),
                String.join("\n\n", paragraphs(article)), article.publishedAt(), article.updatedAt())).toList();
        return new JsonFeed(JsonFeed.VERSION, title, homePage(), baseUrl + "/feed.json",
                nextQuery == null ? null : baseUrl + "/feed.json?" + nextQuery, items,
                List.of(new JsonFeed.Hub("WebSub", WebSubLinks.hub(baseUrl))));
    }

    /** @param nextQuery the query string of the next page, or null on the last */
    public String atom(FeedPage page, String nextQuery, Instant updated) {
        return atom(page, nextQuery, updated, baseUrl + "/feed.atom");
    }

    /** @param self the feed's own URL, its WebSub topic ({@link WebSubLinks#self}) */
    public String atom(FeedPage page, String nextQuery, Instant updated, String self) {
        SyndFeed feed = feed("atom_1.0", updated);
        feed.setUri(baseUrl + "/feed.atom");
        List<SyndLink> links = new ArrayList<>();
        links.add(link("self", self, ATOM));
        links.add(link("hub", WebSubLinks.hub(baseUrl), null));
        links.add(link("alternate", homePage(), HTML));
        if (nextQuery != null) {
            links.add(link("next", baseUrl + "/feed.atom?" + nextQuery, ATOM));
        }
        feed.setLinks(links);
        for (Article article : page.items()) {
            SyndEntry entry = entry(article);
            String summary = shown(summaryOf(article));
            if (summary != null) {
                entry.setDescription(content("text", summary));
            }
            entry.setContents(List.of(content("html", HtmlText.paragraphs(paragraphs(article)))));
            // The page is what a reader opens; the JSON stays findable, with its type.
            entry.setLinks(List.of(link("alternate", pageUrl(article), HTML),
                    link("related", articleUrl(article), "application/json")));
            feed.getEntries().add(entry);
        }
        Feed atom = (Feed) feed.createWireFeed();
        // Rome also writes each date and author as Dublin Core; Atom's own elements say it once.
        withoutDublinCore(atom.getModules());
        atom.getEntries().forEach(entry -> withoutDublinCore(entry.getModules()));
        return write(atom);
    }

    public String rss(FeedPage page, Instant updated) {
        return rss(page, updated, baseUrl + "/feed.rss");
    }

    /** @param self the feed's own URL, its WebSub topic ({@link WebSubLinks#self}) */
    public String rss(FeedPage page, Instant updated, String self) {
        SyndFeed feed = feed("rss_2.0", updated);
        feed.setLink(homePage());
        for (Article article : page.items()) {
            SyndEntry entry = entry(article);
            String summary = shown(summaryOf(article));
            if (summary != null) {
                entry.setDescription(content("text/html", HtmlText.escape(summary)));
            }
            entry.setContents(List.of(content("text/html", HtmlText.paragraphs(paragraphs(article)))));
            feed.getEntries().add(entry);
        }
        Channel rss = (Channel) feed.createWireFeed();
        // pubDate says when; Rome would say it again as dc:date. dc:creator stays: RSS's own author wants an email.
        withoutDublinCore(rss.getModules());
        rss.getItems().forEach(item -> {
            if (item.getModule(DCModule.URI) instanceof DCModule dublinCore) {
                dublinCore.setDates(new ArrayList<>());
            }
        });
        Element selfLink = new Element("link", ATOM_NAMESPACE);
        selfLink.setAttribute("href", self);
        selfLink.setAttribute("rel", "self");
        selfLink.setAttribute("type", RSS);
        Element hub = new Element("link", ATOM_NAMESPACE);
        hub.setAttribute("href", WebSubLinks.hub(baseUrl));
        hub.setAttribute("rel", "hub");
        rss.setForeignMarkup(List.of(selfLink, hub));
        return write(rss);
    }

    private SyndFeed feed(String type, Instant updated) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setTitle(title);
        feed.setDescription("The latest articles of " + title);
        feed.setPublishedDate(Date.from(updated));
        return feed;
    }

    private SyndEntry entry(Article article) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(articleUrl(article));
        entry.setLink(pageUrl(article));
        entry.setTitle(shown(article.title()));
        entry.setAuthor(author);
        entry.setPublishedDate(Date.from(article.publishedAt()));
        entry.setUpdatedDate(Date.from(article.updatedAt()));
        return entry;
    }

    /** The article's JSON, and its entry's id: the id stays what it always was, so no reader sees it anew. */
    private String articleUrl(Article article) {
        return baseUrl + "/articles/" + shown(article.id());
    }

    /** The article's page for people, in the web reader. */
    private String pageUrl(Article article) {
        return baseUrl + "/read/" + shown(article.id());
    }

    /** The web reader's list: the site the feed is of. */
    private String homePage() {
        return baseUrl + "/";
    }

    private static String summaryOf(Article article) {
        return article.summary() != null ? article.summary() : article.subtitle();
    }

    private static List<String> paragraphs(Article article) {
        return article.body().stream().map(FeedRenderer::shown).toList();
    }

    private static String shown(String text) {
        return ArticleCharacters.displayable(text);
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
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

    private static void withoutDublinCore(List<Module> modules) {
        modules.removeIf(module -> module instanceof DCModule);
    }

    private static String write(WireFeed feed) {
        try {
            return new WireFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome could not write the " + feed.getFeedType() + " feed", e);
        }
    }
}
