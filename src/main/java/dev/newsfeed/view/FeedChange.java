package dev.newsfeed.view;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Retraction;

/**
 * One change of the feed as pollers and the stream see it: the current state of an article whose deciding
 * record lies after the client's sequence. Applying changes in order leaves a client with the feed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A change of one article: its current version, or its retraction")
public record FeedChange(
        @Schema(description = "Pass as since (or Last-Event-ID) to get only what changed after this",
                example = "MXxhQ3g5fDE3OTU2ODQ1NzE0MTJ8YTA9MTIscjA9Myw") String sequence,
        @Schema(description = "published: a new article; updated: a new version; retracted: drop it") Type type,
        @Schema(example = "000_22b61c6839899886") String id,
        @Schema(description = "When it changed", example = "2026-11-26T09:02:11.087Z") Instant at,
        @Schema(description = "The current version; absent when retracted") Article article,
        @Schema(description = "Why it went, when the retraction is known; absent otherwise") Retraction retraction) {

    public enum Type {
        published, updated, retracted
    }

    static FeedChange of(String sequence, Article article) {
        Type type = article.updatedAt().equals(article.publishedAt()) ? Type.published : Type.updated;
        return new FeedChange(sequence, type, article.id(), article.updatedAt(), article, null);
    }

    static FeedChange retracted(String sequence, String id, Instant at, Retraction retraction) {
        return new FeedChange(sequence, Type.retracted, id, at, null, retraction);
    }
}
