package dev.newsfeed.article;

import static dev.newsfeed.article.ArticleParseException.Reason.EMPTY;
import static dev.newsfeed.article.ArticleParseException.Reason.NO_BODY;
import static dev.newsfeed.article.ArticleParseException.Reason.NO_TITLE;
import static dev.newsfeed.article.ArticleParseException.Reason.TOO_LONG;

import java.util.List;

import dev.newsfeed.article.ArticleLines.Line;

/**
 * Reads the article text format (see the README's decision table):
 *
 * <pre>
 * summary paragraph          (optional)
 * title
 *                            (blank line)
 * title again                (optional)
 * subtitle                   (optional when only one paragraph follows)
 * body paragraph, one per line ...
 * </pre>
 *
 * Tolerates CRLF or CR line endings, a UTF-8 byte order mark, spaces around lines and extra blank lines.
 * Refuses, with the line, a field that breaks the limits of {@link ArticleField}, which JSON submissions meet too.
 * Thread-safe and stateless.
 */
public final class ArticleParser {

    /** Reads UTF-8 bytes; refuses control bytes (other than TAB, CR, LF and FF) as binary, and malformed UTF-8. */
    public ArticleText parse(byte[] bytes) throws ArticleParseException {
        return parse(ArticleLines.of(bytes), bytes.length == 0);
    }

    public ArticleText parse(String text) throws ArticleParseException {
        return parse(ArticleLines.of(text), text.isEmpty());
    }

    private static ArticleText parse(List<Line> lines, boolean empty) throws ArticleParseException {
        if (lines.isEmpty()) {
            throw new ArticleParseException(EMPTY, 1, empty
                    ? "the text is empty; expected a title and at least one body paragraph"
                    : "the text holds only whitespace; expected a title and at least one body paragraph");
        }
        Line first = lines.get(0);
        int titleAt = titleIndex(lines);
        Line title = lines.get(titleAt);
        int restAt = titleAt + 1;
        if (restAt < lines.size() && lines.get(restAt).text().equals(title.text())) {
            restAt++;
        }
        String summary = titleAt == 1 ? first.text() : null;
        List<Line> rest = lines.subList(restAt, lines.size());
        if (rest.isEmpty()) {
            throw new ArticleParseException(NO_BODY, title.number(),
                    "found the title \"" + abbreviate(title.text()) + "\" but no body paragraph after it");
        }
        String subtitle = rest.size() > 1 ? rest.get(0).text() : null;
        List<Line> paragraphs = rest.subList(rest.size() > 1 ? 1 : 0, rest.size());
        check(ArticleField.TITLE, title);
        if (summary != null) {
            check(ArticleField.SUMMARY, first);
        }
        if (subtitle != null) {
            check(ArticleField.SUBTITLE, rest.get(0));
        }
        if (paragraphs.size() > ArticleField.MAX_PARAGRAPHS) {
            throw new ArticleParseException(TOO_LONG, paragraphs.get(ArticleField.MAX_PARAGRAPHS).number(),
                    "the body has " + paragraphs.size() + " paragraphs; at most " + ArticleField.MAX_PARAGRAPHS);
        }
        String[] body = new String[paragraphs.size()];
        for (int i = 0; i < body.length; i++) {
            Line paragraph = paragraphs.get(i);
            check(ArticleField.PARAGRAPH, paragraph);
            body[i] = paragraph.text();
        }
        return new ArticleText(title.text(), subtitle, summary, List.of(body));
    }

    private static void check(ArticleField field, Line line) throws ArticleParseException {
        ArticleField.Problem problem = line.allowed()
                ? field.problemWithAllowed(line.text())
                : field.problemWith(line.text());
        if (problem != null) {
            throw new ArticleParseException(problem.reason(), line.number(), "the " + field.label() + " "
                    + problem.detail());
        }
    }

    /**
     * The title is the line that is repeated after the blank line; in a file without the repetition, the
     * line a blank line follows. Either way it is the first or second paragraph (after an optional summary).
     */
    private static int titleIndex(List<Line> lines) throws ArticleParseException {
        for (int i = 0; i <= 1 && i + 1 < lines.size(); i++) {
            if (lines.get(i).text().equals(lines.get(i + 1).text())) {
                return i;
            }
        }
        if (lines.size() == 1) {
            return 0;
        }
        for (int i = 0; i <= 1 && i + 1 < lines.size(); i++) {
            if (lines.get(i + 1).afterBlank()) {
                return i;
            }
        }
        throw new ArticleParseException(NO_TITLE, lines.get(0).number(),
                "cannot tell the title: expected it on line 1 or 2,"
                        + " followed by a blank line or repeated on the next line");
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
