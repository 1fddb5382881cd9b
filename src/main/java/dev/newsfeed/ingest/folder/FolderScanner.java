package dev.newsfeed.ingest.folder;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;

/**
 * Lists the article files of the ingest folder: {@code *.txt}, in subfolders too, but not hidden ones
 * (names starting with a dot, such as editors' temporary files), and not links that lead out of the folder.
 * A subfolder that cannot be read is skipped with a WARN, and the others are listed all the same.
 *
 * <p>What is listed is only a candidate: {@link FolderFileReader} checks it again when it reads it.
 */
public final class FolderScanner {

    private static final Logger LOG = Logger.getLogger(FolderScanner.class);

    private final Path folder;
    private final Set<String> skippedFolders;

    /** @param skippedFolders names of top-level subfolders that hold no new articles (processed/, failed/) */
    public FolderScanner(Path folder, Set<String> skippedFolders) {
        this.folder = folder.toAbsolutePath().normalize();
        this.skippedFolders = Set.copyOf(skippedFolders);
    }

    public Path folder() {
        return folder;
    }

    /**
     * The article files, in path order.
     *
     * @throws IOException only when the folder itself cannot be listed
     */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        forEachFile((file, attributes) -> files.add(file));
        files.sort(null);
        return files;
    }

    /**
     * Hands each article file over with its attributes, in the order the walk finds them. A regular file comes
     * with the attributes the walk read anyway, so that a look at 40,000 files costs no second look at each; a
     * link comes with those of the file it leads to.
     *
     * @throws IOException only when the folder itself cannot be listed
     */
    public void forEachFile(BiConsumer<Path, BasicFileAttributes> found) throws IOException {
        Path root = folder.toRealPath();
        Files.walkFileTree(folder, new Visitor(folder) {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (!isNamedAsArticle(file)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isRegularFile()) {
                    // Walked down from the folder without following a link: it lies inside the folder.
                    found.accept(file, attributes);
                } else if (attributes.isSymbolicLink() && isArticleFile(file, root)) {
                    BasicFileAttributes target = targetAttributes(file);
                    if (target != null) {
                        found.accept(file, target);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * The folders to watch from {@code start} down (itself included), hidden and skipped ones left out.
     *
     * @throws IOException only when {@code start} itself cannot be listed
     */
    public List<Path> folders(Path start) throws IOException {
        List<Path> folders = new ArrayList<>();
        Files.walkFileTree(start, new Visitor(start) {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                FileVisitResult result = super.preVisitDirectory(dir, attributes);
                if (result == FileVisitResult.CONTINUE) {
                    folders.add(dir);
                }
                return result;
            }
        });
        return folders;
    }

    /** Whether a path is one of the article files this scanner lists. */
    public boolean isArticleFile(Path path) {
        try {
            return path.toAbsolutePath().normalize().startsWith(folder) && isArticleFile(path, folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private boolean isArticleFile(Path path, Path root) {
        if (!isNamedAsArticle(path) || !Files.isRegularFile(path)) {
            return false;
        }
        try {
            return path.toRealPath().startsWith(root);
        } catch (IOException e) {
            // Gone since it was listed, or a link that leads nowhere: not a file to read.
            return false;
        }
    }

    /** A {@code *.txt} name, neither hidden nor in a skipped folder: what is there is not looked at. */
    private boolean isNamedAsArticle(Path path) {
        Path relative = folder.relativize(path);
        if (relative.getNameCount() > 1 && skippedFolders.contains(relative.getName(0).toString())) {
            return false;
        }
        for (Path name : relative) {
            if (name.toString().startsWith(".")) {
                return false;
            }
        }
        return path.getFileName().toString().endsWith(".txt");
    }

    private static BasicFileAttributes targetAttributes(Path link) {
        try {
            return Files.readAttributes(link, BasicFileAttributes.class);
        } catch (IOException e) {
            // Gone since it was listed: not a file to read.
            return null;
        }
    }

    /** Walks without following links, skips hidden and skipped folders, and lets a bad subfolder pass. */
    private class Visitor extends SimpleFileVisitor<Path> {

        private final Path start;

        Visitor(Path start) {
            this.start = start;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(start)) {
                return FileVisitResult.CONTINUE;
            }
            Path relative = folder.relativize(dir);
            boolean skipped = relative.getNameCount() == 1 && skippedFolders.contains(relative.toString());
            return skipped || dir.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                    : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(start)) {
                throw e;
            }
            if (!(e instanceof NoSuchFileException)) {
                LOG.warnf("Cannot read %s; skipping it, the rest of the folder is read: %s", LogValues.safe(file),
                        LogValues.safe(e.getMessage()));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && dir.equals(start)) {
                throw e;
            }
            if (e != null) {
                LOG.warnf("Listing the folder %s stopped; the others are read: %s", LogValues.safe(dir),
                        LogValues.safe(e.getMessage()));
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
