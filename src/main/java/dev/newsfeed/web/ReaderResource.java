package dev.newsfeed.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.newsfeed.article.Article;
import dev.newsfeed.feed.ConditionalResponses;
import dev.newsfeed.feed.FeedNotReadyException;
import dev.newsfeed.problem.Problem;
import dev.newsfeed.problem.ProblemException;
import dev.newsfeed.follower.ViewUpdater;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedOrder;
import dev.newsfeed.view.FeedPage;
import dev.newsfeed.view.FeedView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The reader's pages, server-rendered so they work without script: the list at {@code /} and one article at
 * {@code /read/{id}}. The JSON API stays as it is; these are pages of their own. Errors here are pages too (the
 * exception mapper below applies to this class only), so a reader never lands on problem+json.
 */
@Path("/")
@Produces(ReaderResource.HTML)
public class ReaderResource {

    static final String HTML = "text/html;charset=UTF-8";
    static final int PAGE_SIZE = 20;
    /** Tag chips above the list: the most used ones, enough to fill a line or two on a desktop. */
    static final int TAG_CHIPS = 12;

    @CheckedTemplate(basePath = "reader")
    static class Templates {
        static native TemplateInstance list(ListPage page);

        static native TemplateInstance article(ArticlePage page);

        static native TemplateInstance error(ErrorPage page);
    }

    private final FeedView view;
    private final ViewUpdater updater;
    private final ConditionalResponses conditional;
    private final Clock clock;

    @Inject
    ReaderResource(FeedView view, ViewUpdater updater, ConditionalResponses conditional) {
        this.view = view;
        this.updater = updater;
        this.conditional = conditional;
        this.clock = Clock.systemUTC();
    }

    @GET
    @Operation(summary = "The web reader: the latest articles as an HTML page, live in a browser", hidden = true)
    public Response list(@Context Request request, @QueryParam("q") String q, @QueryParam("tag") String tag,
            @QueryParam("cursor") String cursor) {
        requireCaughtUp();
        String query = blankToNull(q);
        String activeTag = blankToNull(tag);
        FeedFilter filter = FeedFilter.of(query, activeTag, null, null, null);
        Instant lastModified = view.lastModified();
        FeedPage page = view.page(blankToNull(cursor), PAGE_SIZE, filter, FeedOrder.NEWEST);
        Instant now = clock.instant();
        List<ArticleCard> cards = page.items().stream().map(article -> ArticleCard.of(article, now, activeTag))
                .toList();
        boolean firstPage = blankToNull(cursor) == null;
        ListPage model = new ListPage(query, activeTag, cards, chips(query, activeTag),
                page.next() == null ? null : ReaderLinks.list(query, activeTag, page.next()),
                ReaderLinks.list(null, null, null),
                firstPage ? ReaderLinks.stream(query, activeTag, page.changes()) : null,
                query != null || activeTag != null);
        // The page shows relative times and embeds the since token, so both are part of what it holds.
        String variant = "reader|" + filter + "|cursor=" + cursor + "|next=" + page.next() + "|changes="
                + page.changes() + "|ago=" + cards.stream().map(ArticleCard::ago).toList();
        return revalidated(conditional.respond(request, variant, versions(cards), lastModified,
                Templates.list(model).render(), HTML));
    }

    @GET
    @Path("read/{id}")
    @Operation(summary = "The web reader: one article as an HTML page", hidden = true)
    public Response article(@Context Request request, @PathParam("id") String id) {
        requireCaughtUp();
        Optional<Article> found = view.find(id);
        if (found.isEmpty()) {
            return view.retraction(id).isPresent()
                    ? page(410, "This article was retracted", "Its publisher withdrew it; it is no longer shown.")
                    : page(404, "No such article", "Nothing in this feed has this address.");
        }
        Article article = found.get();
        ArticleCard card = ArticleCard.of(article, clock.instant(), null);
        return revalidated(conditional.respond(request, "reader-article|ago=" + card.ago(), versions(List.of(card)),
                article.updatedAt(), Templates.article(new ArticlePage(card, article.body())).render(), HTML));
    }

    /** The reader's answer to what the API answers with problem+json: a bad search or cursor, not ready yet. */
    @ServerExceptionMapper
    Response problem(ProblemException e) {
        Problem problem = e.problem();
        Response response = page(problem.status(), problem.title(), problem.detail());
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return response;
    }

    /** As {@code @ReadsView} does for the API: no reader sees a half-built feed after start-up. */
    private void requireCaughtUp() {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
    }

    private List<ArticleCard.Chip> chips(String q, String activeTag) {
        Stream<String> top = view.tags().stream().limit(TAG_CHIPS).map(count -> count.tag());
        List<String> tags = new ArrayList<>(top.toList());
        if (activeTag != null && !tags.contains(activeTag)) {
            tags.add(0, activeTag);
        }
        // An active chip links to the list without it: a chip toggles its filter, the search stays.
        return tags.stream().map(tag -> tag.equals(activeTag)
                ? new ArticleCard.Chip(tag, ReaderLinks.list(q, null, null), true)
                : new ArticleCard.Chip(tag, ReaderLinks.list(q, tag, null), false)).toList();
    }

    /**
     * A page is checked with the server on every visit (a 304 while unchanged) rather than reused for the feed's
     * max-age: a reused list would show as new, once live, articles that a fresh one simply lists.
     */
    private static Response revalidated(Response response) {
        return Response.fromResponse(response).header("Cache-Control", null).header("Cache-Control", "no-cache")
                .build();
    }

    private static Response page(int status, String heading, String detail) {
        String body = Templates.error(new ErrorPage(status, heading, detail)).render();
        return Response.status(status).type(HTML).entity(body).build();
    }

    private static List<String> versions(List<ArticleCard> cards) {
        return cards.stream().map(card -> card.id() + "@" + card.hash()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
