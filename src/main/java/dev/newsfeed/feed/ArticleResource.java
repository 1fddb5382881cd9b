package dev.newsfeed.feed;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.newsfeed.article.Article;

/** One article of the feed, by id. */
@Path("/articles")
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final FeedView view;
    private final FeedUpdater updater;

    ArticleResource(FeedView view, FeedUpdater updater) {
        this.view = view;
        this.updater = updater;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest version of one article")
    public Article article(@PathParam("id") String id) {
        if (!updater.isCaughtUp()) {
            throw new FeedNotReadyException();
        }
        return view.find(id).orElseThrow(() -> new ArticleNotFoundException(id));
    }
}
