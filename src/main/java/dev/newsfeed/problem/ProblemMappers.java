package dev.newsfeed.problem;

import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into problem+json: the service's own errors, Bean Validation of
 * parameters, and the framework's 404/405/406/415. An unexpected failure is logged with its stack trace and
 * answered with a 500 that reveals nothing of it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = e.problem().toResponse();
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.closesConnection()) {
            response.header("Connection", "close");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalidParameter(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.of(400, "Invalid request", detail).toResponse().build();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        Response.ResponseBuilder response = Problem.of(status, original.getStatusInfo().getReasonPhrase(),
                e.getMessage()).toResponse();
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure of a request", e);
        return Problem.of(500, "Internal Server Error",
                "the server failed unexpectedly; the failure is logged").toResponse().build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String parameter = path.substring(path.lastIndexOf('.') + 1);
        return parameter + " " + violation.getMessage() + " (was " + Problem.quoted(String.valueOf(violation.getInvalidValue())) + ")";
    }
}
