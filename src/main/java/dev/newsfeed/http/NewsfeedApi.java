package dev.newsfeed.http;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import dev.newsfeed.problem.Problem;

/** The API's description in {@code /q/openapi}, and the bearer token that writes need. */
@OpenAPIDefinition(info = @Info(title = "newsfeed", version = "1",
        description = "A news feed: articles published to Kafka and served newest first"),
        // Named here because only the ProblemResponses filter refers to it.
        components = @Components(schemas = @Schema(name = "Problem", implementation = Problem.class)))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The API token configured as newsfeed.api-token")
public class NewsfeedApi extends Application {
}
