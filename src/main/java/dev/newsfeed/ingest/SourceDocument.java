package dev.newsfeed.ingest;

/**
 * One article source as it arrived: the id it will be published under, where it came from (a
 * {@code file:} path relative to the ingest folder), and its raw bytes.
 */
public record SourceDocument(String id, String source, byte[] content) {
}
