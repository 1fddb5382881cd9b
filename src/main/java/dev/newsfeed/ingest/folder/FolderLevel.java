package dev.newsfeed.ingest.folder;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * One folder on the way down from the ingest folder to a file, whose entries are looked at, entered and
 * opened without following links. Where the platform offers a {@link SecureDirectoryStream} (Linux), every
 * step is relative to the folder already opened ({@code fstatat}/{@code openat} with {@code O_NOFOLLOW}), so
 * a folder on the way swapped for a link after it was checked still cannot lead out. Elsewhere the same checks
 * are made on paths, which leaves that window open.
 */
abstract sealed class FolderLevel implements Closeable {

    final Path path;

    private FolderLevel(Path path) {
        this.path = path;
    }

    /** The ingest folder itself: configured, so trusted, and opened following links. */
    static FolderLevel root(Path folder) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(folder);
        if (stream instanceof SecureDirectoryStream<Path> secure) {
            return new Secure(folder, secure);
        }
        stream.close();
        return new ByPath(folder);
    }

    /** The attributes of an entry itself: a link's own, not its target's. */
    abstract BasicFileAttributes attributes(Path name) throws IOException;

    /** A subfolder; fails when the entry is a link. */
    abstract FolderLevel enter(Path name) throws IOException;

    /** Opens an entry for reading; fails when it is a link. */
    abstract SeekableByteChannel open(Path name) throws IOException;

    /** The target of a link, as written in it: only a name to check, never opened as it is. */
    Path readLink(Path name) throws IOException {
        return Files.readSymbolicLink(path.resolve(name));
    }

    private static final class Secure extends FolderLevel {

        private final SecureDirectoryStream<Path> folder;

        Secure(Path path, SecureDirectoryStream<Path> folder) {
            super(path);
            this.folder = folder;
        }

        @Override
        BasicFileAttributes attributes(Path name) throws IOException {
            return folder.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        }

        @Override
        FolderLevel enter(Path name) throws IOException {
            return new Secure(path.resolve(name), folder.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        SeekableByteChannel open(Path name) throws IOException {
            return folder.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void close() throws IOException {
            folder.close();
        }
    }

    private static final class ByPath extends FolderLevel {

        ByPath(Path path) {
            super(path);
        }

        @Override
        BasicFileAttributes attributes(Path name) throws IOException {
            return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        FolderLevel enter(Path name) throws IOException {
            if (!attributes(name).isDirectory()) {
                throw new UnreadableSourceException(path.resolve(name) + " is not a folder");
            }
            return new ByPath(path.resolve(name));
        }

        @Override
        SeekableByteChannel open(Path name) throws IOException {
            return Files.newByteChannel(path.resolve(name), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        public void close() {
        }
    }
}
