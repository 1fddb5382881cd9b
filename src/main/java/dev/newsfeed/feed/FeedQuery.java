package dev.newsfeed.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The paging parameters every feed format takes. {@code limit} is taken as text so that a value that is not
 * a number gets the same 400 as one out of range, not the 404 JAX-RS gives a parameter it cannot convert.
 */
public class FeedQuery {

    @QueryParam("limit")
    @DefaultValue("20")
    @Pattern(regexp = "[0-9]+", message = "must be a whole number")
    @Min(1)
    @Max(100)
    @Parameter(description = "Articles per page, 1 to 100", schema = @Schema(type = SchemaType.INTEGER))
    String limit;

    @QueryParam("cursor")
    @Parameter(description = "The 'next' value of the previous page; omit it for the first page")
    String cursor;

    int limit() {
        return Integer.parseInt(limit);
    }

    String cursor() {
        return cursor;
    }
}
