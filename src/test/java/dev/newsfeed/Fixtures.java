package dev.newsfeed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test resources: article texts under /articles/ and /enrichment/. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The bytes of a resource, e.g. {@code /articles/binary.txt}. */
    public static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An article fixture of /articles/ as text. */
    public static String article(String name) {
        return new String(bytes("/articles/" + name), StandardCharsets.UTF_8);
    }
}
