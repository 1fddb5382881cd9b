package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.ingest.SourceDocument;
import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Sha256;

/** Issue 9, findings 3 and 13: the checks hold at the moment of reading, and a file changed meanwhile is not used. */
class FolderFileReaderTest {

    private static final int MAX_BYTES = 4096;
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash\n";

    @TempDir
    Path folder;

    @TempDir
    Path outside;

    @Test
    void regularFileIsReadUnderTheIdAndSourceOfItsPath() throws Exception {
        Files.createDirectories(folder.resolve("world"));
        Path file = Files.writeString(folder.resolve("world/kyiv.txt"), Fixtures.article("canonical.txt"));

        SourceDocument document = reader().read(file);

        assertThat(document.id()).isEqualTo("world~2Fkyiv");
        assertThat(document.source()).isEqualTo("file:world/kyiv.txt");
        assertThat(new String(document.content(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.article("canonical.txt"));
    }

    @Test
    void fileSwappedForSymlinkLeadingOutIsNeverRead() throws Exception {
        Path secret = Files.writeString(outside.resolve("passwd"), SECRET);
        Path file = folder.resolve("article.txt");
        Files.createSymbolicLink(file, secret);

        UnreadableSourceException refused = assertThrows(UnreadableSourceException.class, () -> reader().read(file));

        assertThat(refused).hasMessageContaining("file:article.txt").hasMessageNotContaining(outside.toString());
    }

    @Test
    void relativeSymlinkClimbingOutOfTheFolderIsNeverRead() throws Exception {
        Files.writeString(outside.resolve("passwd"), SECRET);
        Path file = folder.resolve("article.txt");
        Path climb = folder.relativize(outside.resolve("passwd"));
        Files.createSymbolicLink(file, climb);

        assertThrows(UnreadableSourceException.class, () -> reader().read(file));
    }

    @Test
    void subfolderSwappedForSymlinkLeadingOutIsNeverRead() throws Exception {
        Files.writeString(outside.resolve("story.txt"), SECRET);
        Files.createSymbolicLink(folder.resolve("desk"), outside);

        assertThrows(UnreadableSourceException.class, () -> reader().read(folder.resolve("desk/story.txt")));
    }

    @Test
    void linksThatStayInsideTheFolderAreFollowedAndNamedAfterTheLink() throws Exception {
        Files.createDirectories(folder.resolve("archive"));
        Files.writeString(folder.resolve("archive/target.txt"), Fixtures.article("canonical.txt"));
        Files.createSymbolicLink(folder.resolve("desk"), Path.of("archive"));
        Files.createSymbolicLink(folder.resolve("today.txt"), folder.resolve("desk/target.txt"));

        SourceDocument document = reader().read(folder.resolve("today.txt"));

        assertThat(document.source()).isEqualTo("file:today.txt");
        assertThat(new String(document.content(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.article("canonical.txt"));
    }

    @Test
    void linksInACircleAreGivenUp() throws Exception {
        Files.createSymbolicLink(folder.resolve("a.txt"), Path.of("b.txt"));
        Files.createSymbolicLink(folder.resolve("b.txt"), Path.of("a.txt"));

        assertThrows(UnreadableSourceException.class, () -> reader().read(folder.resolve("a.txt")));
    }

    @Test
    void fifoIsNeverOpenedSoTheReadNeverBlocks() throws Exception {
        Path fifo = mkfifo(folder.resolve("article.txt"));

        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UnreadableSourceException.class, () -> reader().read(fifo)));
    }

    @Test
    void fileThatGrewWhileItWasReadIsNotReturned() throws Exception {
        Path file = Files.writeString(folder.resolve("slow.txt"), "Slow\n\nSlow\nThe first half");
        FolderFileReader racing = readerWith(() -> append(file, " and the second half.\n"));

        assertThrows(SourceChangedException.class, () -> racing.read(file));
    }

    @Test
    void fileReplacedWhileItWasReadIsNotReturned() throws Exception {
        Path file = Files.writeString(folder.resolve("swapped.txt"), "Title\n\nTitle\nFirst text.\n");
        Path other = Files.writeString(folder.resolve(".other"), "Title\n\nTitle\nOther text.\n");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(file));
        FolderFileReader racing = readerWith(() -> move(other, file));

        assertThrows(SourceChangedException.class, () -> racing.read(file));
    }

    @Test
    void fileOverTheLimitIsRefusedWithItsHeadItsSizeAndTheHashOfAllOfIt() throws Exception {
        byte[] content = "Huge\n\nHuge\n".concat("word ".repeat(2000)).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(folder.resolve("huge.txt"), content);

        FolderFileReader.FileTooLargeException refused =
                assertThrows(FolderFileReader.FileTooLargeException.class, () -> reader().read(file));

        assertThat(refused.size()).isEqualTo(content.length);
        assertThat(refused.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(refused.head().source()).isEqualTo("file:huge.txt");
        assertThat(new String(refused.head().content(), StandardCharsets.UTF_8)).startsWith("Huge");
    }

    private FolderFileReader reader() {
        return readerWith(() -> {
        });
    }

    private FolderFileReader readerWith(Runnable afterRead) {
        return new FolderFileReader(folder, MAX_BYTES, afterRead);
    }

    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor()).as("mkfifo %s", path).isZero();
        return path;
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
