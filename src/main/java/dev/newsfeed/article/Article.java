package dev.newsfeed.article;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonView;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of an article, as published on the topic (key = {@code id}) and served by the feed.
 * Readers ignore fields they do not know, so new fields may be added without a new {@code schemaVersion};
 * removing or changing the meaning of one needs a new version.
 */
@Schema(description = "One article version; see /schemas/article-v1.json")
public record Article(
        @Schema(example = "000_22b61c6839899886") String id,
        @Schema(example = "Kyiv Votes to Bring Back the Embankment Tram") String title,
        @Schema(nullable = true, example = "The council backs a three-year restoration of the line.") String subtitle,
        @Schema(nullable = true, example = "Kyiv's city council approved a plan to restore the tram line.")
        String summary,
        @Schema(description = "Paragraphs; left out of responses asked for with fields=summary",
                example = "[\"The council voted 41 to 9 on Tuesday.\", \"Work starts in spring.\"]")
        @JsonView(Full.class) List<String> body,
        @Schema(example = "file:000_22b61c6839899886.txt") String source,
        @Schema(description = "First publication; survives edits", example = "2026-11-26T08:29:30.412Z")
        Instant publishedAt,
        @Schema(description = "This version", example = "2026-11-26T09:02:11.087Z") Instant updatedAt,
        @Schema(example = "149") int wordCount,
        @Schema(description = "SHA-256 of the canonical text", example = "3f1c9a…") String contentHash,
        @Schema(example = "1") int schemaVersion,
        @Schema(description = "Names the text mentions, as slugs (enrichment)",
                example = "[\"vladimir-putin\", \"istanbul\"]")
        List<String> tags,
        @Schema(description = "At 265 words a minute (enrichment)", example = "1") int readingMinutes,
        @Schema(description = "The title as a URL slug (enrichment)",
                example = "kyiv-votes-to-bring-back-the-embankment-tram")
        String slug) {

    public static final int SCHEMA_VERSION = 1;

    /** The Jackson view of an article without its body, for lean polling ({@code fields=summary}). */
    public interface Summary {
    }

    /** The Jackson view of the whole article; what is written when no view is asked for. */
    public interface Full extends Summary {
    }

    public Article {
        body = List.copyOf(body);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** This version with what the enrichment stage derived from it. */
    public Article enriched(List<String> derivedTags, int minutes, String derivedSlug) {
        return new Article(id, title, subtitle, summary, body, source, publishedAt, updatedAt, wordCount, contentHash,
                schemaVersion, derivedTags, minutes, derivedSlug);
    }

    /** The first version of an article: published and updated now. */
    public static Article first(String id, String source, ArticleText text, Instant now) {
        return of(id, source, text, now, now);
    }

    /** The version that replaces this one with new text; the first publication time survives the edit. */
    public Article revisedBy(ArticleText text, String newSource, Instant now) {
        return of(id, newSource, text, publishedAt, now);
    }

    private static Article of(String id, String source, ArticleText text, Instant publishedAt, Instant updatedAt) {
        return new Article(id, text.title(), text.subtitle(), text.summary(), text.body(), source,
                publishedAt, updatedAt, text.wordCount(), text.contentHash(), SCHEMA_VERSION, List.of(), 0, null);
    }
}
