package dev.newsfeed.push;

import java.time.Instant;

import dev.newsfeed.article.Article;

/**
 * One change of the articles topic, as it is pushed: a published or updated version with its article, or a
 * retraction (a tombstone) with none. {@code eventId} is the record's {@code ce_id}, the same for a tombstone
 * written twice, so that a subscriber sees one event under one id; {@code position} names the record.
 */
record PushEvent(String eventId, EventKind kind, String articleId, Article article, Instant time, String position) {
}
