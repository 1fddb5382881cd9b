package dev.newsfeed.ingest.http;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.newsfeed.article.ArticleField;
import dev.newsfeed.article.ArticleText;

/**
 * An article as a client submits it in JSON. The server derives everything else (id, times, hash, word
 * count); a submission that carries such a field, or any field not named here, is refused.
 */
@Schema(description = "An article to publish; the server derives id, times, hash and word count")
public record ArticleSubmission(
        @Schema(required = true, example = "Kyiv Votes to Bring Back the Embankment Tram") String title,
        @Schema(example = "The council backs a three-year restoration of the line closed in 2004.") String subtitle,
        @Schema(example = "Kyiv's city council approved a plan to restore the historic tram line.") String summary,
        @Schema(required = true, description = "Body paragraphs, at least one",
                example = "[\"The council voted 41 to 9 on Tuesday.\", \"Work starts in spring.\"]") List<String> body,
        @Schema(description = "Your reference for this article: resending it, edited or not, updates the same article",
                example = "cms-4711") String source) {

    /** The submission as article text, or the first field that keeps it from being an article. */
    ArticleText toText() throws InvalidSubmissionException {
        String cleanTitle = oneLine("title", ArticleField.TITLE, title, true);
        if (body == null || body.isEmpty()) {
            throw new InvalidSubmissionException("body", "needs at least one paragraph");
        }
        if (body.size() > ArticleField.MAX_PARAGRAPHS) {
            throw new InvalidSubmissionException("body", "has " + body.size() + " paragraphs; at most "
                    + ArticleField.MAX_PARAGRAPHS);
        }
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            // Never null: the reader refuses a null paragraph.
            String paragraph = oneLine("body[" + i + "]", ArticleField.PARAGRAPH, body.get(i), false);
            if (paragraph != null) {
                paragraphs.add(paragraph);
            }
        }
        if (paragraphs.isEmpty()) {
            throw new InvalidSubmissionException("body", "needs at least one paragraph that is not blank");
        }
        return new ArticleText(cleanTitle, oneLine("subtitle", ArticleField.SUBTITLE, subtitle, false),
                oneLine("summary", ArticleField.SUMMARY, summary, false), paragraphs);
    }

    /** The client's own reference for the article, or null; the same rule holds for an Idempotency-Key. */
    String reference() throws InvalidSubmissionException {
        return reference("source", source);
    }

    /** @param name how the client sent it: {@code source}, or the {@code Idempotency-Key} header */
    static String reference(String name, String value) throws InvalidSubmissionException {
        return oneLine(name, ArticleField.SOURCE, value, false);
    }

    private static String oneLine(String name, ArticleField field, String value, boolean required)
            throws InvalidSubmissionException {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidSubmissionException(name, "is required");
            }
            return null;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new InvalidSubmissionException(name, "must be one line: a paragraph has no line breaks");
        }
        String stripped = value.strip();
        ArticleField.Problem problem = field.problemWith(stripped);
        if (problem != null) {
            throw new InvalidSubmissionException(name, problem.detail());
        }
        return stripped;
    }

    /** A submission that is valid JSON but not an article. */
    public static class InvalidSubmissionException extends Exception {

        private final String field;

        InvalidSubmissionException(String field, String problem) {
            super("field '" + field + "' " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
