package dev.newsfeed.view;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.newsfeed.article.Article;

/**
 * A page of the feed, newest first; {@code next} is the cursor of the following page, null on the last;
 * {@code changes} is the since token of the view the page was read from.
 */
@Schema(description = "A page of the feed, newest first")
public record FeedPage(
        List<Article> items,
        @Schema(description = "Pass as cursor for the next page; absent on the last page",
                example = "MjAyNi0xMS0yNlQwODoyOTozMC40MTJafDAwMF8yMmI2MWM2ODM5ODk5ODg2") String next,
        @Schema(description = "Pass as since (GET /feed?since=) to get what changed after this page was read;"
                + " keep the one of the first page while paging",
                example = "MXw3ZjNlOWM0Mi1hZGM3LTQ1YzEtOWM0Yi0xMjNmOWFiMTIzNDV8MTc5NTY4MjgwMDAwMHxhMD0xMiw")
        String changes) {

    public FeedPage {
        items = List.copyOf(items);
    }
}
