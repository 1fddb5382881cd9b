package dev.newsfeed.feed;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1), as feed readers expect it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonFeed(
        String version,
        String title,
        @JsonProperty("home_page_url") String homePageUrl,
        @JsonProperty("feed_url") String feedUrl,
        @JsonProperty("next_url") String nextUrl,
        List<Item> items) {

    public static final String VERSION = "https://jsonfeed.org/version/1.1";
    public static final String MEDIA_TYPE = "application/feed+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(
            String id,
            String url,
            String title,
            String summary,
            @JsonProperty("content_text") String contentText,
            @JsonProperty("date_published") Instant datePublished,
            @JsonProperty("date_modified") Instant dateModified) {
    }
}
