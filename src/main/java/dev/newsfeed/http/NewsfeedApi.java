package dev.newsfeed.http;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The API's description in {@code /q/openapi}, and the bearer token that writes need. */
@OpenAPIDefinition(info = @Info(title = "newsfeed", version = "1",
        description = "A news feed: articles published to Kafka and served newest first"))
@SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The API token configured as newsfeed.api-token")
public class NewsfeedApi extends Application {
}
