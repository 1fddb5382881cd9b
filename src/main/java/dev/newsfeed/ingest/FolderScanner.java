package dev.newsfeed.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.newsfeed.article.ArticleIds;

/**
 * Lists the article files of the ingest folder: {@code *.txt}, in subfolders too, but not hidden ones
 * (names starting with a dot, such as editors' temporary files), and not links that lead out of the folder.
 */
public final class FolderScanner {

    private final Path folder;
    private final int maxBytes;

    public FolderScanner(Path folder, int maxBytes) {
        this.folder = folder.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
    }

    public Path folder() {
        return folder;
    }

    /** The article files, in path order. */
    public List<Path> files() throws IOException {
        Path root = folder.toRealPath();
        try (Stream<Path> paths = Files.walk(folder)) {
            List<Path> files = new ArrayList<>();
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                if (isArticleFile(path, root)) {
                    files.add(path);
                }
            }
            return files;
        }
    }

    /**
     * Reads one file as a source document.
     *
     * @throws FileTooLargeException when it holds more than the configured maximum; it is not read whole
     */
    public SourceDocument read(Path file) throws IOException {
        Path relative = folder.relativize(file.toAbsolutePath().normalize());
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(maxBytes + 1);
        }
        if (content.length > maxBytes) {
            throw new FileTooLargeException(relative, maxBytes);
        }
        String source = "file:" + relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return new SourceDocument(ArticleIds.forFile(relative), source, content);
    }

    private boolean isArticleFile(Path path, Path root) throws IOException {
        Path relative = folder.relativize(path);
        for (Path name : relative) {
            if (name.toString().startsWith(".")) {
                return false;
            }
        }
        if (!path.getFileName().toString().endsWith(".txt") || !Files.isRegularFile(path)) {
            return false;
        }
        return path.toRealPath().startsWith(root);
    }

    /** A file over the size limit. */
    public static final class FileTooLargeException extends IOException {

        FileTooLargeException(Path relative, int maxBytes) {
            super(relative + " holds more than " + maxBytes + " bytes, the limit (newsfeed.ingest.max-bytes)");
        }
    }
}
