package dev.newsfeed.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.newsfeed.article.Article;
import dev.newsfeed.http.Offload;
import dev.newsfeed.problem.ProblemException;
import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.ChangesPage;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedOrder;
import dev.newsfeed.view.FeedPage;
import dev.newsfeed.view.FeedView;
import io.smallrye.mutiny.Uni;

/**
 * The latest feed for pollers, newest first, paged by cursor: native JSON at {@code /feed}, and for feed
 * readers JSON Feed 1.1, Atom 1.0 and RSS 2.0, by path or by {@code Accept} on {@code /feed}.
 */
@Path("/")
@ReadsView
@APIResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent")
@APIResponse(responseCode = "503", description = "Still reading the topic after start-up; retry after Retry-After")
public class FeedResource {

    private enum Format {
        JSON(MediaType.APPLICATION_JSON),
        JSON_FEED(JsonFeed.MEDIA_TYPE),
        ATOM(FeedRenderer.ATOM),
        RSS(FeedRenderer.RSS);

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private final FeedView view;
    private final ConditionalResponses conditional;
    private final FeedRenderer renderer;
    private final String baseUrl;
    private final ObjectWriter summaries;
    private final ObjectWriter full;
    private final PageBudget budget;
    private final RenderedPages pages;

    FeedResource(FeedView view, ConditionalResponses conditional, FeedSettings settings,
            @ConfigProperty(name = "newsfeed.public-base-url") String baseUrl, ObjectMapper json, PageBudget budget,
            RenderedPages pages) {
        this.budget = budget;
        this.summaries = json.writerWithView(Article.Summary.class);
        this.full = json.writer();
        this.pages = pages;
        this.view = view;
        this.conditional = conditional;
        this.renderer = new FeedRenderer(baseUrl, settings.title(), settings.author());
        this.baseUrl = baseUrl;
    }

    @GET
    @Path("feed")
    @Produces({ MediaType.APPLICATION_JSON, JsonFeed.MEDIA_TYPE, FeedRenderer.ATOM, FeedRenderer.RSS })
    @Operation(summary = "A page of the latest feed, newest first; JSON Feed, Atom or RSS by Accept;"
            + " with since, what changed after a token, oldest first")
    @APIResponse(responseCode = "200", description = "A page of articles (FeedPage), or with since a page of"
            + " changes (ChangesPage)", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { FeedPage.class, ChangesPage.class })))
    @APIResponse(responseCode = "400", description = "A bad limit, cursor, since, fields or filter")
    @APIResponse(responseCode = "410", description = "The since token is older than the topic still proves: resync")
    public Uni<Response> feed(@Context Request request, @Context HttpHeaders headers, @BeanParam FeedQuery query) {
        return answer(negotiate(headers), request, query);
    }

    @GET
    @Path("feed.json")
    @Produces(JsonFeed.MEDIA_TYPE)
    @Operation(summary = "The latest feed as JSON Feed 1.1")
    @APIResponse(responseCode = "200", description = "A page as JSON Feed 1.1",
            content = @Content(mediaType = JsonFeed.MEDIA_TYPE, schema = @Schema(implementation = JsonFeed.class)))
    @APIResponse(responseCode = "400", description = "A bad limit, cursor or filter; since and fields are for /feed")
    public Uni<Response> jsonFeed(@Context Request request, @BeanParam FeedQuery query) {
        return answer(Format.JSON_FEED, request, query);
    }

    @GET
    @Path("feed.atom")
    @Produces(FeedRenderer.ATOM)
    @Operation(summary = "The latest feed as Atom 1.0")
    @APIResponse(responseCode = "200", description = "A page as an Atom 1.0 feed document",
            content = @Content(mediaType = FeedRenderer.ATOM, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad limit, cursor or filter; since and fields are for /feed")
    public Uni<Response> atom(@Context Request request, @BeanParam FeedQuery query) {
        return answer(Format.ATOM, request, query);
    }

    @GET
    @Path("feed.rss")
    @Produces(FeedRenderer.RSS)
    @Operation(summary = "The latest feed as RSS 2.0")
    @APIResponse(responseCode = "200", description = "A page as an RSS 2.0 document",
            content = @Content(mediaType = FeedRenderer.RSS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A bad limit, cursor or filter; since and fields are for /feed")
    public Uni<Response> rss(@Context Request request, @BeanParam FeedQuery query) {
        return answer(Format.RSS, request, query);
    }

    /**
     * Answers a page the cache holds at once, on the IO thread: most polls ask again for what others just asked.
     * Anything else (a search, a rendering, a scan of changes) runs on a worker thread.
     */
    private Uni<Response> answer(Format format, Request request, FeedQuery query) {
        query.validate();
        if (format != Format.JSON) {
            query.requireNativeJsonOnly(format.mediaType);
        }
        if (query.since() != null) {
            return Offload.onWorker(() -> Uni.createFrom().item(changes(request, query)));
        }
        String key = key(format, query);
        // Read before the page: a page newer than its snapshot number is harmless, an older one would be stale.
        long snapshot = view.snapshot();
        Instant hour = hour();
        String topic = topic(format, query);
        RenderedPages.Page cached = pages.get(key, snapshot, hour);
        if (cached != null) {
            return Uni.createFrom().item(respond(format, request, cached, topic));
        }
        return Offload.onWorker(() -> Uni.createFrom().item(respond(format, request,
                page(format, query, key, snapshot, hour), topic)));
    }

    /** The WebSub topic of a feed reader format (its filtered form is a topic of its own); null for native JSON. */
    private String topic(Format format, FeedQuery query) {
        String path = switch (format) {
            case JSON -> null;
            case JSON_FEED -> "/feed.json";
            case ATOM -> "/feed.atom";
            case RSS -> "/feed.rss";
        };
        return path == null ? null : WebSubLinks.self(baseUrl, path, query.query, query.tag, query.source);
    }

    /** @param topic the WebSub topic, advertised with the hub in a Link header; null for none */
    private Response respond(Format format, Request request, RenderedPages.Page page, String topic) {
        Response.ResponseBuilder notModified = conditional.notModified(request, page.validators());
        if (notModified != null) {
            return notModified.build();
        }
        Response.ResponseBuilder response = conditional.ok(page.validators(), page.body(),
                format.mediaType + ";charset=UTF-8");
        if (format == Format.JSON && page.nextQuery() != null) {
            response.header("Link", "<" + baseUrl + "/feed?" + page.nextQuery() + ">; rel=\"next\"");
        }
        if (topic != null) {
            response.header("Link", WebSubLinks.header(baseUrl, topic));
        }
        if (page.truncated()) {
            response.header(PageBudget.TRUNCATED_HEADER, budget.headerValue());
        }
        return response.build();
    }

    /**
     * Renders the page the query asks for in {@code format} and keeps it for {@code request} in this snapshot and
     * hour, which were read before the page.
     */
    private RenderedPages.Page page(Format format, FeedQuery query, String request, long snapshot, Instant hour) {
        int limit = query.limit();
        String cursor = query.cursor();
        FeedFilter filter = query.filter();
        Instant lastModified = view.lastModified();
        PageBudget.Fitted<FeedPage> fitted = budget.fit(limit, n -> view.page(cursor, n, filter, query.order()),
                FeedPage::items, !query.summaryOnly());
        FeedPage page = fitted.page();
        String variant = request + "|next=" + page.next() + "|changes=" + page.changes();
        String nextQuery = page.next() == null ? null : query.nextQuery(page.next());
        String body = switch (format) {
            case JSON -> json(page, query.summaryOnly());
            case JSON_FEED -> json(renderer.jsonFeed(page, nextQuery), false);
            case ATOM -> renderer.atom(page, nextQuery, lastModified, topic(format, query));
            case RSS -> renderer.rss(page, lastModified, topic(format, query));
        };
        RenderedPages.Page rendered = new RenderedPages.Page(body.getBytes(StandardCharsets.UTF_8),
                ConditionalResponses.Validators.of(ConditionalResponses.tag(variant, page.items()), lastModified),
                fitted.truncated(), nextQuery);
        pages.put(request, snapshot, hour, rendered);
        return rendered;
    }

    /** What tells one rendered page from another, besides the view's snapshot and the hour. */
    private static String key(Format format, FeedQuery query) {
        return format + "|limit=" + query.limit() + "|cursor=" + query.cursor() + "|" + query.filter() + "|sort="
                + query.order() + "|fields=" + query.summaryOnly();
    }

    /** A page's since token is stamped to the hour, so a rendered page holds for the hour at most. */
    private static Instant hour() {
        return Instant.now().truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * What changed after the client's since token, oldest first. The ETag covers the token handed back, so an
     * unchanged feed answers a repeated poll with 304 on every instance.
     */
    private Response changes(Request request, FeedQuery query) {
        if (query.order() == FeedOrder.RELEVANCE) {
            throw new ProblemException(400, "Invalid request", "changes come oldest first; sort=relevance is for pages");
        }
        if (query.cursor() != null && !query.cursor().isBlank()) {
            throw new ProblemException(400, "Invalid request",
                    "cursor pages the newest articles; changes are paged by passing each page's 'next' as since");
        }
        ChangeSequence since = view.resumeFrom(query.since());
        PageBudget.Fitted<ChangesPage> fitted = budget.fit(query.limit(),
                n -> view.changes(since, n, query.filter()),
                changes -> changes.changes().stream().map(FeedChange::article).toList(), !query.summaryOnly());
        ChangesPage page = fitted.page();
        String variant = "changes|limit=" + query.limit() + "|" + query.filter() + "|fields=" + query.summaryOnly()
                + "|since=" + query.since() + "|next=" + page.next();
        List<String> versions = page.changes().stream().map(change -> change.type() + " "
                + (change.article() == null ? change.id() : ConditionalResponses.versionOf(change.article()))).toList();
        return truncated(conditional.respond(request, ConditionalResponses.tagOf(variant, versions), view.lastModified(),
                json(page, query.summaryOnly()), MediaType.APPLICATION_JSON + ";charset=UTF-8"), fitted.truncated());
    }

    /** Tells the client that the page holds fewer items than it asked for; its next goes on from there. */
    private Response truncated(Response response, boolean truncated) {
        if (!truncated || response.getStatus() != 200) {
            return response;
        }
        return Response.fromResponse(response).header(PageBudget.TRUNCATED_HEADER, budget.headerValue()).build();
    }

    /** A page as JSON text; without article bodies when the client asked for summaries only. */
    private String json(Object page, boolean summaryOnly) {
        try {
            return (summaryOnly ? summaries : full).writeValueAsString(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed page could not be written as JSON", e);
        }
    }

    /** The representation of {@code /feed} the client prefers; the native JSON when it accepts anything. */
    private static Format negotiate(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType() || accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                    && !accepted.isWildcardSubtype()) {
                return Format.JSON;
            }
            for (Format format : Format.values()) {
                if (accepted.isCompatible(MediaType.valueOf(format.mediaType))) {
                    return format;
                }
            }
        }
        return Format.JSON;
    }
}
