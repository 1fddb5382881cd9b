package dev.newsfeed.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

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

    FeedResource(FeedView view, FeedUpdater updater) {
        this.view = view;
        this.updater = updater;
    }

    @GET
    @Operation(summary = "A page of the latest feed, newest first")
    public FeedPage page(
            @Parameter(description = "Articles per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") @DefaultValue("20")
            @Pattern(regexp = "[0-9]+", message = "must be a whole number") @Min(1) @Max(100) String limit,
            @Parameter(description = "The 'next' value of the previous page; omit it for the first page")
            @QueryParam("cursor") String cursor) {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
        return view.page(cursor, Integer.parseInt(limit));
    }
}
