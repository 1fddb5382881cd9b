/**
 * HTTP intake: {@code POST}, {@code PUT} and {@code DELETE /articles}, their bodies (text or JSON) and headers read
 * at the boundary, and the answers that say what Kafka and this instance's view did with them.
 */
package dev.newsfeed.ingest.http;
