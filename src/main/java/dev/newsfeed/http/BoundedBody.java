package dev.newsfeed.http;

/**
 * The body of a write, read by {@link BoundedBodyReader}: never more than {@code newsfeed.ingest.max-bytes}, however
 * it was sent.
 */
public record BoundedBody(byte[] bytes) {
}
