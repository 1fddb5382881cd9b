package dev.newsfeed.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a write's body up to the article limit and refuses it with a 413 problem as soon as it goes beyond. A body
 * with a {@code Content-Length} over the limit never gets here ({@link RequestSizeLimit}); this is for bodies sent
 * in chunks, which would otherwise be read up to Quarkus' ceiling ({@code quarkus.http.limits.max-body-size}) and
 * be answered there with an empty 413 and a stack trace in the log.
 */
@Provider
@Consumes(MediaType.WILDCARD)
public class BoundedBodyReader implements MessageBodyReader<BoundedBody> {

    private static final int CHUNK = 16 * 1024;

    private final long maxBytes;

    BoundedBodyReader(@ConfigProperty(name = "newsfeed.ingest.max-bytes") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == BoundedBody.class;
    }

    @Override
    public BoundedBody readFrom(Class<BoundedBody> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, String> headers, InputStream body) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        for (int n = body.read(chunk); n != -1; n = body.read(chunk)) {
            if (read.size() + (long) n > maxBytes) {
                throw new PayloadTooLargeException(maxBytes);
            }
            read.write(chunk, 0, n);
        }
        return new BoundedBody(read.toByteArray());
    }
}
