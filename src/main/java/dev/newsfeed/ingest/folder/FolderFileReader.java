package dev.newsfeed.ingest.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;

import dev.newsfeed.ingest.DeadLetterPublisher;
import dev.newsfeed.ingest.SourceDocument;
import dev.newsfeed.article.ArticleIds;
import dev.newsfeed.article.Sha256;

/**
 * Reads one file of the ingest folder, with every check made at the moment of reading rather than when the
 * file was listed: what was listed may have been swapped for a link, a FIFO or another file since.
 *
 * <ul>
 * <li>The path is walked down from the folder one name at a time without following links ({@link FolderLevel});
 * a link met on the way is resolved by hand and followed only while it stays inside the folder, so nothing
 * outside the folder is ever opened.</li>
 * <li>Only what is a regular file, looked at without following links, is opened, and with
 * {@link LinkOption#NOFOLLOW_LINKS}: a FIFO or a device is never opened, so opening cannot block on one.</li>
 * <li>After the read, the name must still lead to the same file ({@code fileKey}) with the same size and
 * modification time, and as many bytes must have been read as it holds; else the file changed while it was
 * read (a writer that paused longer than the settle time) and {@link SourceChangedException} says so.</li>
 * </ul>
 * Reads are not bounded in time here: {@link BoundedReads} runs them.
 */
final class FolderFileReader {

    /** Links followed one after the other before giving up, like the kernel's own limit. */
    private static final int MAX_LINKS = 8;

    private final Path folder;
    private final int maxBytes;
    private final Runnable afterRead;

    FolderFileReader(Path folder, int maxBytes) {
        this(folder, maxBytes, () -> {
        });
    }

    /** @param afterRead runs between the read and the checks after it: where a test changes the file */
    FolderFileReader(Path folder, int maxBytes, Runnable afterRead) {
        this.folder = folder.toAbsolutePath().normalize();
        this.maxBytes = maxBytes;
        this.afterRead = afterRead;
    }

    /**
     * Reads a file of the folder as a source document, named after the path it was listed under.
     *
     * @throws FileTooLargeException when it holds more than the configured maximum; it is not kept whole
     * @throws UnreadableSourceException when it is not a regular file inside the folder
     * @throws SourceChangedException when it changed while it was read
     */
    SourceDocument read(Path file) throws IOException {
        Path relative = folder.relativize(file.toAbsolutePath().normalize());
        if (relative.toString().isEmpty() || relative.startsWith("..")) {
            throw new UnreadableSourceException(file + " is not inside the ingest folder");
        }
        String source = "file:" + relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        String id = ArticleIds.forFile(relative);
        Path target = relative;
        for (int links = 0; links <= MAX_LINKS; links++) {
            Step step = readAt(target, source, id);
            if (step.document() != null) {
                return step.document();
            }
            target = step.link();
        }
        throw new UnreadableSourceException(source + ": more than " + MAX_LINKS + " links one after the other");
    }

    /** Either what was read, or the path inside the folder that a link on the way leads to. */
    private record Step(SourceDocument document, Path link) {
    }

    private Step readAt(Path relative, String source, String id) throws IOException {
        Deque<FolderLevel> opened = new ArrayDeque<>();
        try {
            opened.push(FolderLevel.root(folder));
            int names = relative.getNameCount();
            for (int i = 0; i < names; i++) {
                FolderLevel level = opened.peek();
                Path name = relative.getName(i);
                BasicFileAttributes attributes = level.attributes(name);
                if (attributes.isSymbolicLink()) {
                    Path parent = i == 0 ? Path.of("") : relative.subpath(0, i);
                    Path rest = i + 1 < names ? relative.subpath(i + 1, names) : Path.of("");
                    return new Step(null, inside(parent, level.readLink(name), source).resolve(rest).normalize());
                }
                if (i + 1 < names) {
                    if (!attributes.isDirectory()) {
                        throw new UnreadableSourceException(source + ": " + relative.subpath(0, i + 1)
                                + " is not a folder");
                    }
                    opened.push(level.enter(name));
                } else if (!attributes.isRegularFile()) {
                    throw new UnreadableSourceException(source + " is not a regular file but " + kind(attributes));
                }
            }
            return new Step(readFile(opened.peek(), relative.getFileName(), source, id), null);
        } finally {
            for (FolderLevel level : opened) {
                level.close();
            }
        }
    }

    /** Where a link leads, relative to the folder, when that is inside it. */
    private Path inside(Path parent, Path target, String source) throws IOException {
        Path resolved;
        if (target.isAbsolute()) {
            Path normalized = target.normalize();
            Path real = folder.toRealPath();
            resolved = normalized.startsWith(folder) ? folder.relativize(normalized)
                    : normalized.startsWith(real) ? real.relativize(normalized) : null;
        } else {
            resolved = parent.resolve(target).normalize();
        }
        if (resolved == null || resolved.toString().isEmpty() || resolved.startsWith("..")) {
            // The target is not named: nothing outside the folder may reach a log.
            throw new UnreadableSourceException(source + " is a link leading out of the ingest folder");
        }
        return resolved;
    }

    private SourceDocument readFile(FolderLevel level, Path name, String source, String id) throws IOException {
        BasicFileAttributes before = level.attributes(name);
        byte[] content;
        long size;
        MessageDigest digest = null;
        try (InputStream in = Channels.newInputStream(level.open(name))) {
            content = in.readNBytes(maxBytes + 1);
            size = content.length;
            if (content.length > maxBytes) {
                digest = Sha256.digest();
                digest.update(content);
                size += hashRest(in, digest);
            }
        }
        afterRead.run();
        BasicFileAttributes after = level.attributes(name);
        if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())
                || before.size() != after.size() || !before.lastModifiedTime().equals(after.lastModifiedTime())
                || after.size() != size) {
            throw new SourceChangedException(source + " changed while it was read");
        }
        if (digest != null) {
            throw new FileTooLargeException(new SourceDocument(id, source,
                    Arrays.copyOf(content, Math.min(content.length, DeadLetterPublisher.MAX_CONTENT))), size,
                    Sha256.hex(digest), source + " holds " + size + " bytes, more than the limit of " + maxBytes
                            + " (newsfeed.ingest.max-bytes)");
        }
        return new SourceDocument(id, source, content);
    }

    /** Hashes the rest of a file too large to keep, without holding more than its head in memory. */
    private static long hashRest(InputStream rest, MessageDigest digest) throws IOException {
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n = rest.read(buffer); n >= 0; n = rest.read(buffer)) {
            digest.update(buffer, 0, n);
            size += n;
        }
        return size;
    }

    private static String kind(BasicFileAttributes attributes) {
        return attributes.isDirectory() ? "a folder" : attributes.isOther() ? "a FIFO, socket or device" : "unknown";
    }

    /** A file over the size limit: its first bytes, its size and the hash of all of it. */
    static final class FileTooLargeException extends IOException {

        private final transient SourceDocument head;
        private final long size;
        private final String sha256;

        FileTooLargeException(SourceDocument head, long size, String sha256, String message) {
            super(message);
            this.head = head;
            this.size = size;
            this.sha256 = sha256;
        }

        SourceDocument head() {
            return head;
        }

        long size() {
            return size;
        }

        String sha256() {
            return sha256;
        }
    }
}
