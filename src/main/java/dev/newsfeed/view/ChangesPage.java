package dev.newsfeed.view;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What changed after a {@code since} token, oldest first. */
@Schema(description = "Changes after the since token, oldest first")
public record ChangesPage(
        List<FeedChange> changes,
        @Schema(description = "The since token of the next request: the next page when more is true, the next poll"
                + " when it is false", example = "MXxhQ3g5fDE3OTU2ODQ1NzE0MTJ8YTA9MTIscjA9Myw") String next,
        @Schema(description = "Whether more changes follow at once", example = "false") boolean more) {

    public ChangesPage {
        changes = List.copyOf(changes);
    }
}
