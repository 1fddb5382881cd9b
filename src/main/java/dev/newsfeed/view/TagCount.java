package dev.newsfeed.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tag and how many articles of the feed carry it. */
@Schema(description = "A tag and how many articles carry it")
public record TagCount(@Schema(example = "vladimir-putin") String tag, @Schema(example = "3") int count) {
}
