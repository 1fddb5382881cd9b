package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import dev.newsfeed.view.FeedPage;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

/**
 * What the renderers write for any article, whoever wrote it to the topic (issue 9, findings 1, 4 and 9). Each
 * feed is parsed back by Rome, as a reader would.
 */
class FeedRendererTest {

    private static final Instant AT = Instant.parse("2026-11-26T08:29:30Z");
    private static final String SCRIPT = "<script>alert('x')</script>";
    private static final String IFRAME = "<iframe src=javascript:alert(1)></iframe>";

    private final FeedRenderer renderer = new FeedRenderer("http://localhost:8080", "newsfeed", "The Newsroom");

    @Test
    void articleWithCharactersXmlRefusesStillRendersInEveryFormat() throws Exception {
        // As a record written by another producer may hold them: the boundary never let them in.
        Article hostile = article("Title \u0001\u0000\u0007\u000B\u001B\uFFFE\uFFFF\uD800 end",
                "Summary\u0001", List.of("Body \uDFFF\u202E one.", "Body\u0085two."));
        FeedPage page = new FeedPage(List.of(hostile), null, null);

        SyndEntry atom = entry(renderer.atom(page, null, AT));
        SyndEntry rss = entry(renderer.rss(page, AT));
        JsonFeed.Item json = renderer.jsonFeed(page, null).items().get(0);

        String shown = "Title \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD end";
        assertThat(atom.getTitle()).isEqualTo(shown);
        assertThat(rss.getTitle()).isEqualTo(shown);
        assertThat(json.title()).isEqualTo(shown);
        assertThat(atom.getDescription().getValue()).isEqualTo("Summary\uFFFD");
        assertThat(json.contentText()).isEqualTo("Body \uFFFD\uFFFD one.\n\nBody two.");
    }

    @Test
    void rssCarriesScriptAsEscapedText() throws Exception {
        FeedPage page = new FeedPage(List.of(article("A <b>bold</b> title", "Summary " + SCRIPT,
                List.of("First " + IFRAME, "Second & \"last\""))), null, null);

        String xml = renderer.rss(page, AT);
        SyndEntry entry = entry(xml);

        // What a reader gets after parsing the XML is HTML: the markup of the article must be escaped in it.
        assertThat(entry.getDescription().getValue())
                .isEqualTo("Summary &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(entry.getContents()).singleElement().satisfies(content -> assertThat(content.getValue())
                .isEqualTo("<p>First &lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;</p>\n"
                        + "<p>Second &amp; &quot;last&quot;</p>"));
        assertThat(xml).doesNotContain("&lt;script").doesNotContain("&lt;iframe").doesNotContain("<script");
    }

    @Test
    void atomCarriesTheSummaryAsTextAndTheBodyAsEscapedHtmlParagraphs() throws Exception {
        // Issue 22, finding 11: paragraphs as RSS has them, not folded into one block of text.
        FeedPage page = new FeedPage(List.of(article("Title", "Summary " + SCRIPT,
                List.of("First " + IFRAME, "Second & \"last\""))), null, null);

        String xml = renderer.atom(page, null, AT);
        SyndEntry entry = entry(xml);

        assertThat(xml).contains("<summary type=\"text\">").contains("<content type=\"html\">");
        assertThat(entry.getDescription().getValue()).isEqualTo("Summary " + SCRIPT);
        assertThat(entry.getContents()).singleElement().satisfies(content -> {
            assertThat(content.getType()).isEqualTo("html");
            assertThat(content.getValue()).isEqualTo("<p>First &lt;iframe src=javascript:alert(1)&gt;&lt;/iframe&gt;</p>\n"
                    + "<p>Second &amp; &quot;last&quot;</p>");
        });
        assertThat(xml).doesNotContain("<iframe").doesNotContain("&lt;iframe");
    }

    @Test
    void entriesLinkToTheReaderPageAndTheFeedToTheReaderList() throws Exception {
        // Issue 22, finding 10: what a person opens from a feed reader is the page, not the JSON.
        Article article = article("Title", null, List.of("Body."));
        FeedPage page = new FeedPage(List.of(article), null, null);
        String api = "http://localhost:8080/articles/" + article.id();
        String read = "http://localhost:8080/read/" + article.id();

        SyndFeed atom = new SyndFeedInput().build(new StringReader(renderer.atom(page, null, AT)));
        assertThat(atom.getLinks()).anySatisfy(link -> {
            assertThat(link.getRel()).isEqualTo("alternate");
            assertThat(link.getHref()).isEqualTo("http://localhost:8080/");
            assertThat(link.getType()).isEqualTo("text/html");
        });
        SyndEntry atomEntry = atom.getEntries().get(0);
        assertThat(atomEntry.getUri()).as("the id never changes").isEqualTo(api);
        assertThat(atomEntry.getLinks()).extracting(link -> link.getRel() + " " + link.getHref() + " " + link.getType())
                .containsExactlyInAnyOrder("alternate " + read + " text/html", "related " + api + " application/json");

        SyndFeed rss = new SyndFeedInput().build(new StringReader(renderer.rss(page, AT)));
        assertThat(rss.getLink()).isEqualTo("http://localhost:8080/");
        assertThat(rss.getEntries().get(0).getLink()).isEqualTo(read);

        JsonFeed json = renderer.jsonFeed(page, null);
        assertThat(json.homePageUrl()).isEqualTo("http://localhost:8080/");
        assertThat(json.items().get(0).url()).isEqualTo(read);
        assertThat(json.items().get(0).id()).isEqualTo(api);
    }

    @Test
    void jsonFeedCarriesScriptAsContentTextOnly() {
        FeedPage page = new FeedPage(List.of(article("Title", "Summary " + SCRIPT, List.of("First " + IFRAME))),
                null, null);

        JsonFeed.Item item = renderer.jsonFeed(page, null).items().get(0);

        assertThat(item.summary()).isEqualTo("Summary " + SCRIPT);
        assertThat(item.contentText()).isEqualTo("First " + IFRAME);
        assertThat(JsonFeed.Item.class.getRecordComponents()).extracting(component -> component.getName())
                .as("no HTML field a reader would render").doesNotContain("contentHtml");
    }

    @Test
    void atomEntriesCarryTheConfiguredAuthorOnceAndEachDateOnce() throws Exception {
        String xml = renderer.atom(new FeedPage(List.of(article("Title", null, List.of("Body."))), null, null),
                null, AT);

        assertThat(entry(xml).getAuthor()).isEqualTo("The Newsroom");
        assertThat(xml).contains("<name>The Newsroom</name>").doesNotContain("dc:");
        assertThat(count(xml, "<updated>")).as("the feed's and the entry's").isEqualTo(2);
        assertThat(count(xml, "<published>")).isEqualTo(1);
    }

    @Test
    void rssWritesEachDateOnceNamesTheAuthorAndLinksToItself() throws Exception {
        String xml = renderer.rss(new FeedPage(List.of(article("Title", null, List.of("Body."))), null, null), AT);

        assertThat(count(xml, "<pubDate>")).as("the channel's and the item's").isEqualTo(2);
        assertThat(xml).doesNotContain("dc:date");
        assertThat(xml).contains("<dc:creator>The Newsroom</dc:creator>");
        assertThat(xml).containsPattern("<atom:link (?=[^>]*href=\"http://localhost:8080/feed.rss\")"
                + "(?=[^>]*rel=\"self\")(?=[^>]*type=\"application/rss\\+xml\")[^>]*/>");
        assertThat(xml).contains("xmlns:atom=\"http://www.w3.org/2005/Atom\"");
        assertThat(entry(xml).getAuthor()).isEqualTo("The Newsroom");
    }

    private static Article article(String title, String summary, List<String> body) {
        return Article.first("post:" + Math.abs(title.hashCode()), "http:test",
                new ArticleText(title, null, summary, body), AT);
    }

    private static SyndEntry entry(String xml) throws Exception {
        SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
        assertThat(feed.getEntries()).hasSize(1);
        return feed.getEntries().get(0);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
