package dev.newsfeed.feed;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.view.TagCount;

/** The tags of the feed's articles, for building a filter ({@code /feed?tag=…}). */
@Path("/tags")
@ReadsView
@Produces(MediaType.APPLICATION_JSON)
public class TagsResource {

    private final FeedView view;

    TagsResource(FeedView view) {
        this.view = view;
    }

    @GET
    @Operation(summary = "Every tag with the number of articles that carry it, most used first")
    @APIResponse(responseCode = "200", description = "Tags, most used first")
    @APIResponse(responseCode = "503", description = "Still reading the topic after start-up; retry after Retry-After")
    public List<TagCount> tags() {
        return view.tags();
    }
}
