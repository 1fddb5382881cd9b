package dev.newsfeed.http;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a write, read by {@link BoundedBodyReader}: never more than {@code newsfeed.ingest.max-bytes}, however
 * it was sent. On the wire it is the body's bytes as they came, which the API description says.
 */
@Schema(type = SchemaType.STRING, format = "binary")
public record BoundedBody(byte[] bytes) {
}
