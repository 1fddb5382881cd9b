package dev.newsfeed.article;

import java.time.Instant;

/**
 * The record that an article was retracted, kept on the compacted retractions topic for as long as the
 * article's source may bring it back: the version it retracted ({@code contentHash}) stays retracted; a
 * changed source publishes a new version after {@code retractedAt}, which is visible again.
 */
public record Retraction(String id, Instant retractedAt, String contentHash, String source) {
}
