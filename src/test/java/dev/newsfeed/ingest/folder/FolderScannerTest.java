package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of the folder are articles, and a folder that cannot be read stops nothing. */
class FolderScannerTest {

    @TempDir
    Path folder;

    @TempDir
    Path outside;

    @Test
    void hiddenFilesAndNamesNotEndingInTxtAreNotListed() throws Exception {
        Files.createDirectories(folder.resolve("world"));
        Files.createDirectories(folder.resolve(".drafts"));
        Path article = Files.writeString(folder.resolve("article.txt"), "x");
        Path nested = Files.writeString(folder.resolve("world/kyiv.txt"), "x");
        for (String ignored : new String[] { ".article.txt", "article.txt.tmp", "notes.md", "README", "world/.kyiv.txt",
                ".drafts/draft.txt", "world/kyiv.TXT.part" }) {
            Files.writeString(folder.resolve(ignored), "x");
        }
        Files.writeString(outside.resolve("secret.txt"), "x");
        Files.createSymbolicLink(folder.resolve("out.txt"), outside.resolve("secret.txt"));
        FolderScanner scanner = new FolderScanner(folder, Set.of());

        assertThat(scanner.files()).containsExactly(article, nested);
        assertThat(scanner.isArticleFile(folder.resolve(".article.txt"))).isFalse();
        assertThat(scanner.isArticleFile(folder.resolve("article.txt.tmp"))).isFalse();
        assertThat(scanner.isArticleFile(folder.resolve(".drafts/draft.txt"))).isFalse();
        assertThat(scanner.isArticleFile(folder.resolve("out.txt"))).isFalse();
        assertThat(scanner.folders(folder)).containsExactlyInAnyOrder(folder, folder.resolve("world"));
    }

    @Test
    void skippedFoldersHoldNoArticles() throws Exception {
        Files.createDirectories(folder.resolve("processed"));
        Files.writeString(folder.resolve("processed/old.txt"), "x");

        FolderScanner scanner = new FolderScanner(folder, Set.of("processed"));

        assertThat(scanner.files()).isEmpty();
        assertThat(scanner.folders(folder)).containsExactly(folder);
    }

    /** Issue 9, finding 12: an UncheckedIOException of Files.walk stopped every listing of the folder. */
    @Test
    void unreadableSubfolderIsSkippedAndTheOthersAreListed() throws Exception {
        Path before = Files.writeString(folder.resolve("a.txt"), "x");
        Path after = Files.writeString(folder.resolve("c.txt"), "x");
        Path broken = folder.resolve("b-broken");
        try {
            Path unreadable = unreadableFolder(broken);
            FolderScanner scanner = new FolderScanner(folder, Set.of());

            assertThat(scanner.files()).containsExactly(before, after);
            assertThat(scanner.folders(folder)).contains(folder, broken).doesNotContain(unreadable);
        } finally {
            deleteDeep(broken);
        }
    }

    /**
     * A folder that cannot be read, even by root (the tests may run as root, whom chmod does not stop): the
     * end of a chain of subfolders whose path is longer than the system allows (PATH_MAX), made with relative
     * steps. Delete it with {@link #deleteDeep(Path)}: Java cannot.
     */
    static Path unreadableFolder(Path top) throws IOException, InterruptedException {
        Files.createDirectories(top);
        String name = "d".repeat(250);
        int levels = 17;
        Process deep = new ProcessBuilder("sh", "-c", "for i in $(seq " + (levels - 1) + "); do mkdir " + name
                + " && cd " + name + " || exit 1; done; mkdir " + name)
                .directory(top.toFile()).redirectErrorStream(true).start();
        assertThat(deep.waitFor()).as("deep folders under %s", top).isZero();
        Path deepest = top;
        for (int i = 0; i < levels; i++) {
            deepest = deepest.resolve(name);
        }
        assertThat(deepest.toString().length()).as("longer than PATH_MAX").isGreaterThan(4096);
        return deepest;
    }

    static void deleteDeep(Path top) throws IOException, InterruptedException {
        new ProcessBuilder("rm", "-rf", top.toString()).redirectErrorStream(true).start().waitFor();
    }
}
