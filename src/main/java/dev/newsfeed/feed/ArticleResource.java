package dev.newsfeed.feed;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.newsfeed.view.FeedView;
import dev.newsfeed.article.Article;

/** One article of the feed, by id. */
@Path("/articles")
@ReadsView
@Produces(MediaType.APPLICATION_JSON)
public class ArticleResource {

    private final FeedView view;
    private final ConditionalResponses conditional;

    ArticleResource(FeedView view, ConditionalResponses conditional) {
        this.view = view;
        this.conditional = conditional;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The latest version of one article")
    @APIResponse(responseCode = "200", description = "The article",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the ETag or date the client sent")
    @APIResponse(responseCode = "404", description = "No article has this id")
    @APIResponse(responseCode = "410", description = "The article was retracted")
    @APIResponse(responseCode = "503", description = "Still reading the topic after start-up; retry after Retry-After")
    public Response article(@PathParam("id") String id, @Context Request request) {
        Article article = view.find(id).orElseThrow(() -> view.retraction(id).isPresent()
                ? new ArticleRetractedException(id) : new ArticleNotFoundException(id));
        return conditional.respond(request, "article", List.of(ConditionalResponses.versionOf(article)),
                article.updatedAt(), article, MediaType.APPLICATION_JSON);
    }
}
