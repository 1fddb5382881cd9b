package dev.newsfeed.feed;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The latest feed for pollers, newest first, paged by cursor: native JSON at {@code /feed}, and for feed
 * readers JSON Feed 1.1, Atom 1.0 and RSS 2.0, by path or by {@code Accept} on {@code /feed}.
 */
@Path("/")
public class FeedResource {

    private enum Format {
        JSON(MediaType.APPLICATION_JSON), JSON_FEED(JsonFeed.MEDIA_TYPE), ATOM(FeedRenderer.ATOM), RSS(FeedRenderer.RSS);

        final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    private final FeedView view;
    private final FeedUpdater updater;
    private final ConditionalResponses conditional;
    private final FeedRenderer renderer;
    private final String baseUrl;

    FeedResource(FeedView view, FeedUpdater updater, ConditionalResponses conditional, FeedSettings settings,
            @ConfigProperty(name = "newsfeed.public-base-url") String baseUrl) {
        this.view = view;
        this.updater = updater;
        this.conditional = conditional;
        this.renderer = new FeedRenderer(baseUrl, settings.title());
        this.baseUrl = baseUrl;
    }

    @GET
    @Path("feed")
    @Produces({ MediaType.APPLICATION_JSON, JsonFeed.MEDIA_TYPE, FeedRenderer.ATOM, FeedRenderer.RSS })
    @Operation(summary = "A page of the latest feed, newest first; JSON Feed, Atom or RSS by Accept")
    @APIResponse(responseCode = "200", description = "A page of articles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent")
    public Response feed(@Context Request request, @Context HttpHeaders headers, @Valid @BeanParam FeedQuery query) {
        return render(negotiate(headers), request, query);
    }

    @GET
    @Path("feed.json")
    @Produces(JsonFeed.MEDIA_TYPE)
    @Operation(summary = "The latest feed as JSON Feed 1.1")
    public Response jsonFeed(@Context Request request, @Valid @BeanParam FeedQuery query) {
        return render(Format.JSON_FEED, request, query);
    }

    @GET
    @Path("feed.atom")
    @Produces(FeedRenderer.ATOM)
    @Operation(summary = "The latest feed as Atom 1.0")
    public Response atom(@Context Request request, @Valid @BeanParam FeedQuery query) {
        return render(Format.ATOM, request, query);
    }

    @GET
    @Path("feed.rss")
    @Produces(FeedRenderer.RSS)
    @Operation(summary = "The latest feed as RSS 2.0")
    public Response rss(@Context Request request, @Valid @BeanParam FeedQuery query) {
        return render(Format.RSS, request, query);
    }

    private Response render(Format format, Request request, FeedQuery query) {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
        int limit = query.limit();
        String cursor = query.cursor();
        Instant lastModified = view.lastModified();
        FeedFilter filter = query.filter();
        FeedPage page = view.page(cursor, limit, filter);
        String variant = format + "|limit=" + limit + "|cursor=" + cursor + "|" + filter + "|next=" + page.next();
        String nextQuery = page.next() == null ? null : query.nextQuery(page.next());
        Object entity = switch (format) {
            case JSON -> page;
            case JSON_FEED -> renderer.jsonFeed(page, nextQuery);
            case ATOM -> renderer.atom(page, nextQuery, lastModified);
            case RSS -> renderer.rss(page, lastModified);
        };
        Response response = conditional.respond(request, variant, page.items(), lastModified, entity, format.mediaType);
        if (format == Format.JSON && page.next() != null && response.getStatus() == 200) {
            return Response.fromResponse(response)
                    .header("Link", "<" + baseUrl + "/feed?" + nextQuery + ">; rel=\"next\"")
                    .build();
        }
        return response;
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
