package dev.newsfeed.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code type} is never sent, which means {@code about:blank}: the status
 * says what kind of problem it is, and the detail what to do about it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "An RFC 9457 problem details body (application/problem+json)")
public record Problem(
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "limit must be less than or equal to 100 (was 500)") String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** How much of a refused value a problem quotes back: enough to recognise it, never a whole header. */
    public static final int QUOTED = 64;

    public static Problem of(int status, String title, String detail) {
        return new Problem(title, status, detail);
    }

    /** A value the client sent, as a detail quotes it: cut after {@link #QUOTED} characters, with an ellipsis. */
    public static String quoted(String value) {
        return value == null || value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…";
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
