package dev.newsfeed.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.newsfeed.article.ArticleIds;
import dev.newsfeed.article.Sha256;

/**
 * Lists the article files of the ingest folder: {@code *.txt}, in subfolders too, but not hidden ones
 * (names starting with a dot, such as editors' temporary files), and not links that lead out of the folder.
 */
public final class FolderScanner {

    private final Path folder;
    private final int maxBytes;
    private final Set<String> skippedFolders;

    /** @param skippedFolders names of top-level subfolders that hold no new articles (processed/, failed/) */
    public FolderScanner(Path folder, int maxBytes, Set<String> skippedFolders) {
        this.folder = folder.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.skippedFolders = Set.copyOf(skippedFolders);
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
        String source = "file:" + relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        String id = ArticleIds.forFile(relative);
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            content = in.readNBytes(maxBytes + 1);
            if (content.length > maxBytes) {
                throw tooLarge(source, id, content, in);
            }
        }
        return new SourceDocument(id, source, content);
    }

    /** Whether a path is one of the article files this scanner lists. */
    public boolean isArticleFile(Path path) {
        try {
            return path.toAbsolutePath().normalize().startsWith(folder) && isArticleFile(path, folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** Hashes the rest of a file too large to keep, without holding more than its head in memory. */
    private FileTooLargeException tooLarge(String source, String id, byte[] head, InputStream rest) throws IOException {
        MessageDigest digest = Sha256.digest();
        digest.update(head);
        long size = head.length;
        byte[] buffer = new byte[64 * 1024];
        for (int n = rest.read(buffer); n >= 0; n = rest.read(buffer)) {
            digest.update(buffer, 0, n);
            size += n;
        }
        return new FileTooLargeException(new SourceDocument(id, source,
                Arrays.copyOf(head, Math.min(head.length, DeadLetterPublisher.MAX_CONTENT))), size, Sha256.hex(digest),
                source + " holds " + size + " bytes, more than the limit of " + maxBytes
                        + " (newsfeed.ingest.max-bytes)");
    }

    private boolean isArticleFile(Path path, Path root) throws IOException {
        Path relative = folder.relativize(path);
        if (relative.getNameCount() > 1 && skippedFolders.contains(relative.getName(0).toString())) {
            return false;
        }
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

    /** A file over the size limit: its first bytes, its size and the hash of all of it. */
    public static final class FileTooLargeException extends IOException {

        private final transient SourceDocument head;
        private final long size;
        private final String sha256;

        FileTooLargeException(SourceDocument head, long size, String sha256, String message) {
            super(message);
            this.head = head;
            this.size = size;
            this.sha256 = sha256;
        }

        public SourceDocument head() {
            return head;
        }

        public long size() {
            return size;
        }

        public String sha256() {
            return sha256;
        }
    }
}
