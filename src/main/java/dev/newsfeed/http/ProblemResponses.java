package dev.newsfeed.http;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import dev.newsfeed.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Gives every error response of the API description its body: {@code application/problem+json}, the
 * {@code Problem} schema, and an example built from the status and the response's own description. Written
 * once here rather than on each of some forty annotations, so that no endpoint can forget it. It runs at build
 * time, into the document the build stores: named by {@code mp.openapi.filter} it ran at every start-up instead,
 * on the whole document (issue 10).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values()
                .forEach(ProblemResponses::describeErrors));
    }

    private static void describeErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.matches("[45][0-9][0-9]") && hasNoBody(response)) {
                response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))
                                .example(example(Integer.parseInt(code), response))));
            }
        });
    }

    private static boolean hasNoBody(APIResponse response) {
        return response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty();
    }

    private static Map<String, Object> example(int status, APIResponse response) {
        Response.Status known = Response.Status.fromStatusCode(status);
        Map<String, Object> example = new LinkedHashMap<>();
        // JAX-RS names no 422 (RFC 9110 calls it Unprocessable Content).
        String title = known != null ? known.getReasonPhrase() : status == 422 ? "Unprocessable Content" : "Error";
        example.put("title", title);
        example.put("status", status);
        example.put("detail", response.getDescription());
        return example;
    }
}
