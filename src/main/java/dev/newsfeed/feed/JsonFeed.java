package dev.newsfeed.feed;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1), as feed readers expect it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A JSON Feed 1.1 document")
public record JsonFeed(
        @Schema(example = VERSION) String version,
        @Schema(example = "newsfeed") String title,
        @Schema(description = "The web reader", example = "http://localhost:8080/") @JsonProperty("home_page_url") String homePageUrl,
        @Schema(example = "http://localhost:8080/feed.json") @JsonProperty("feed_url") String feedUrl,
        @Schema(description = "The next page; absent on the last",
                example = "http://localhost:8080/feed.json?limit=20&cursor=MjAy…")
        @JsonProperty("next_url") String nextUrl,
        List<Item> items,
        @Schema(description = "The WebSub hub that pushes this feed's new items") List<Hub> hubs) {

    public static final String VERSION = "https://jsonfeed.org/version/1.1";
    public static final String MEDIA_TYPE = "application/feed+json";

    /** An endpoint that pushes the feed's updates (JSON Feed 1.1 {@code hubs}): here, this service's WebSub hub. */
    @Schema(description = "A hub that pushes this feed's updates")
    public record Hub(@Schema(example = "WebSub") String type,
            @Schema(example = "http://localhost:8080/hub") String url) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One article in JSON Feed; its id is its API URL, which never changes")
    public record Item(
            @Schema(example = "http://localhost:8080/articles/000_22b61c6839899886") String id,
            @Schema(description = "The article's page in the web reader",
                    example = "http://localhost:8080/read/000_22b61c6839899886") String url,
            @Schema(example = "Kyiv Votes to Bring Back the Embankment Tram") String title,
            @Schema(example = "Kyiv's city council approved a plan to restore the tram line.") String summary,
            @Schema(example = "The council voted 41 to 9 on Tuesday...") @JsonProperty("content_text")
            String contentText,
            @Schema(example = "2026-11-26T08:29:30.412Z") @JsonProperty("date_published") Instant datePublished,
            @Schema(example = "2026-11-26T09:02:11.087Z") @JsonProperty("date_modified") Instant dateModified) {
    }
}
