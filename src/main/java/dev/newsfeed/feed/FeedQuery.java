package dev.newsfeed.feed;

import static dev.newsfeed.problem.Problem.quoted;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.newsfeed.view.FeedFilter;
import dev.newsfeed.view.FeedOrder;
import dev.newsfeed.problem.ProblemException;

/**
 * The paging parameters every feed format takes. {@code limit} is taken as text so that a value that is not
 * a number gets the same 400 as one out of range, not the 404 JAX-RS gives a parameter it cannot convert.
 *
 * <p>The resources call {@link #validate()} first. It is not Bean Validation: on a poll answered from the page
 * cache, validating the query with Hibernate Validator took a fifth of the IO thread's time (issue 10).
 */
public class FeedQuery {

    static final int MAX_LIMIT = 100;

    @QueryParam("limit")
    @DefaultValue("20")
    @Parameter(description = "Articles per page, 1 to 100",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "The 'next' value of the previous page; omit it for the first page")
    String cursor;

    @QueryParam("since")
    @Parameter(description = "List what changed after this token, oldest first, instead of the newest articles:"
            + " a feed page's 'changes', a changes page's 'next', or 0 for every change from the beginning")
    String since;

    @QueryParam("fields")
    @DefaultValue("full")
    @Parameter(description = "summary leaves each article's body out (native JSON only)",
            schema = @Schema(enumeration = { "full", "summary" }))
    String fields;

    @QueryParam("q")
    @Parameter(description = "Words that must all appear in the article, as whole words, case and accents ignored;"
            + " \"quoted phrases\" keep their order. At most 500 characters and 32 words")
    String query;

    @QueryParam("sort")
    @DefaultValue("newest")
    @Parameter(description = "newest: by publication time (the default); relevance: best match of q first",
            schema = @Schema(enumeration = { "newest", "relevance" }))
    String sort;

    @QueryParam("tag")
    @Parameter(description = "Only articles with this tag (see GET /tags), e.g. vladimir-putin")
    String tag;

    @QueryParam("source")
    @Parameter(description = "Only articles whose source starts with this, e.g. file:world/ or http:")
    String source;

    @QueryParam("from")
    @Parameter(description = "Only articles published at or after this instant (ISO-8601)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String from;

    @QueryParam("to")
    @Parameter(description = "Only articles published before this instant (ISO-8601)",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String to;

    private int parsedLimit;

    /**
     * Checks limit, fields and sort; a 400 problem names every parameter that is wrong. The filter's parameters
     * are checked where they are parsed ({@link #filter()}).
     */
    void validate() {
        List<String> problems = new ArrayList<>();
        parsedLimit = parseLimit(problems);
        if (!"full".equals(fields) && !"summary".equals(fields)) {
            problems.add("fields must be full or summary (was " + quoted(fields) + ")");
        }
        if (!"newest".equals(sort) && !"relevance".equals(sort)) {
            problems.add("sort must be newest or relevance (was " + quoted(sort) + ")");
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new ProblemException(400, "Invalid request", String.join("; ", problems));
        }
    }

    private int parseLimit(List<String> problems) {
        if (limit == null || limit.isEmpty() || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.add("limit must be a whole number (was " + quoted(limit) + ")");
            return 0;
        }
        int first = 0;
        while (first < limit.length() - 1 && limit.charAt(first) == '0') {
            first++;
        }
        // More than three significant digits is out of range, and could overflow an int.
        int value = limit.length() - first > 3 ? Integer.MAX_VALUE
                : Integer.parseInt(limit, first, limit.length(), 10);
        if (value < 1) {
            problems.add("limit must be greater than or equal to 1 (was " + quoted(limit) + ")");
        } else if (value > MAX_LIMIT) {
            problems.add("limit must be less than or equal to " + MAX_LIMIT + " (was " + quoted(limit) + ")");
        }
        return value;
    }

    FeedOrder order() {
        return "relevance".equals(sort) ? FeedOrder.RELEVANCE : FeedOrder.NEWEST;
    }

    FeedFilter filter() {
        return FeedFilter.of(query, tag, source, instant("from", from), instant("to", to));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Invalid request",
                    name + " must be an ISO-8601 instant such as 2026-11-26T08:00:00Z (was " + quoted(value) + ")");
        }
    }

    /** The query string of the page after this one: the same parameters, with the next cursor. */
    String nextQuery(String next) {
        StringBuilder query = new StringBuilder("limit=").append(limit()).append("&cursor=").append(next);
        if (summaryOnly()) {
            query.append("&fields=summary");
        }
        if (order() == FeedOrder.RELEVANCE) {
            query.append("&sort=relevance");
        }
        append(query, "q", this.query);
        append(query, "tag", tag);
        append(query, "source", source);
        append(query, "from", from);
        append(query, "to", to);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The page size; only after {@link #validate()}. */
    int limit() {
        return parsedLimit;
    }

    String cursor() {
        return cursor;
    }

    /** The since token given, or null when the newest articles are asked for. */
    String since() {
        return since == null || since.isBlank() ? null : since;
    }

    boolean summaryOnly() {
        return "summary".equals(fields);
    }

    /** The parameters that only the native JSON answers; refused for the feed reader formats. */
    void requireNativeJsonOnly(String format) {
        if (since() != null || summaryOnly()) {
            throw new ProblemException(400, "Invalid request", "since and fields=summary are answered by the native"
                    + " JSON of /feed only, not by " + format);
        }
    }
}
