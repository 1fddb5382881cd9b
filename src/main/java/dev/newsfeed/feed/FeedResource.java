package dev.newsfeed.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The latest feed for pollers, newest first, paged by cursor. */
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
            @Parameter(description = "Articles per page, 1 to 100")
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @Parameter(description = "The 'next' value of the previous page; omit it for the first page")
            @QueryParam("cursor") String cursor) {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
        return view.page(cursor, limit);
    }
}
