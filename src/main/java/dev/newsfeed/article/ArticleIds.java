package dev.newsfeed.article;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Article identities. An id is the Kafka key and the last segment of {@code /articles/{id}}, so it is kept
 * to URL-safe characters, and it is stable: the same source always gets the same id, across restarts and
 * edits, on every instance.
 */
public final class ArticleIds {

    private static final String FILE_EXTENSION = ".txt";

    private ArticleIds() {
    }

    /**
     * The id of a file, from its path relative to the ingest folder, without the {@code .txt} extension.
     * Letters, digits, {@code .}, {@code _} and {@code -} stand as they are; any other character (a path
     * separator among them) becomes {@code ~} and two hex digits per UTF-8 byte, so distinct paths never
     * share an id: {@code world/kyiv.txt} is {@code world~2Fkyiv}.
     */
    public static String forFile(Path relativePath) {
        if (relativePath.isAbsolute()) {
            throw new IllegalArgumentException("expected a path relative to the ingest folder: " + relativePath);
        }
        String path = relativePath.normalize().toString().replace(relativePath.getFileSystem().getSeparator(), "/");
        if (path.endsWith(FILE_EXTENSION)) {
            path = path.substring(0, path.length() - FILE_EXTENSION.length());
        }
        return escape(path);
    }

    static String escape(String text) {
        StringBuilder id = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isSafe(c)) {
                id.append(c);
            } else {
                id.append('~').append(String.format("%02X", b & 0xFF));
            }
        }
        return id.toString();
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
