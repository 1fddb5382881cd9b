package dev.newsfeed.feed;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The latest feed for pollers, newest first, paged by cursor. {@code limit} is taken as text so that a
 * value that is not a number gets the same 400 as one out of range, not the 404 JAX-RS gives a parameter
 * it cannot convert.
 */
@Path("/feed")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    private final FeedView view;
    private final FeedUpdater updater;
    private final ConditionalResponses conditional;

    FeedResource(FeedView view, FeedUpdater updater, ConditionalResponses conditional) {
        this.view = view;
        this.updater = updater;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "A page of the latest feed, newest first")
    @APIResponse(responseCode = "200", description = "A page of articles",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent")
    public Response page(@Context Request request,

            @Parameter(description = "Articles per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") @DefaultValue("20")
            @Pattern(regexp = "[0-9]+", message = "must be a whole number") @Min(1) @Max(100) String limit,
            @Parameter(description = "The 'next' value of the previous page; omit it for the first page")
            @QueryParam("cursor") String cursor) {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
        Instant lastModified = view.lastModified();
        FeedPage page = view.page(cursor, Integer.parseInt(limit));
        String variant = "json|limit=" + limit + "|cursor=" + cursor + "|next=" + page.next();
        return conditional.respond(request, variant, page.items(), lastModified, page, MediaType.APPLICATION_JSON);
    }
}
