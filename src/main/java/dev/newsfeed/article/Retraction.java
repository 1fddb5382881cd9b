package dev.newsfeed.article;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The record that an article was retracted, kept on the compacted retractions topic for as long as the
 * article's source may bring it back: the version it retracted ({@code contentHash}) stays retracted; a
 * changed source publishes a new version after {@code retractedAt}, which is visible again.
 */
@Schema(description = "The record that an article was retracted")
public record Retraction(
        @Schema(example = "post:90ac1f0e2d4b7c3a5e61") String id,
        @Schema(example = "2026-11-26T09:03:40.001Z") Instant retractedAt,
        @Schema(description = "The version retracted", example = "3f1c9a…") String contentHash,
        @Schema(example = "http:post:90ac1f0e2d4b7c3a5e61") String source) {
}
