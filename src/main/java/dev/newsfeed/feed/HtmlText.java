package dev.newsfeed.feed;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Article text for the places of a feed that readers take as HTML (RSS {@code description} and
 * {@code content:encoded}): escaped, so that {@code <script>} in an article reaches the reader as the words
 * it is, never as markup. Rome escapes it once more as XML.
 */
final class HtmlText {

    private HtmlText() {
    }

    static String escape(String text) {
        StringBuilder html = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    /** Each paragraph as an escaped {@code <p>}, so that readers keep the breaks between them. */
    static String paragraphs(List<String> paragraphs) {
        return paragraphs.stream().map(paragraph -> "<p>" + escape(paragraph) + "</p>")
                .collect(Collectors.joining("\n"));
    }
}
