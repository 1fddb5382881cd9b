package dev.newsfeed.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** The reader's own URLs: the list carries its filters in the query, so a filtered view can be shared. */
final class ReaderLinks {

    private ReaderLinks() {
    }

    static String list(String q, String tag, String cursor) {
        StringJoiner query = new StringJoiner("&", "/?", "").setEmptyValue("/");
        add(query, "q", q);
        add(query, "tag", tag);
        add(query, "cursor", cursor);
        return query.toString();
    }

    /** The stream of the list's changes after {@code since}, filtered like the list, without bodies. */
    static String stream(String q, String tag, String since) {
        StringJoiner query = new StringJoiner("&", "/feed/stream?", "").add("fields=summary");
        add(query, "since", since);
        add(query, "q", q);
        add(query, "tag", tag);
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name + "=" + URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }
}
