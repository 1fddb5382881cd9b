package dev.newsfeed.ingest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        String cleanTitle = oneLine("title", title, true);
        if (body == null || body.isEmpty()) {
            throw new InvalidSubmissionException("body", "needs at least one paragraph");
        }
        List<String> paragraphs = new java.util.ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String paragraph = oneLine("body[" + i + "]", body.get(i), false);
            if (paragraph != null) {
                paragraphs.add(paragraph);
            }
        }
        if (paragraphs.isEmpty()) {
            throw new InvalidSubmissionException("body", "needs at least one paragraph that is not blank");
        }
        return new ArticleText(cleanTitle, oneLine("subtitle", subtitle, false), oneLine("summary", summary, false),
                paragraphs);
    }

    private static String oneLine(String field, String value, boolean required) throws InvalidSubmissionException {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidSubmissionException(field, "is required");
            }
            return null;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new InvalidSubmissionException(field, "must be one line: a paragraph has no line breaks");
        }
        return value.strip();
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
