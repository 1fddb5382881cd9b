package dev.newsfeed.follower;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real filesystem of a few megabytes that fills up: a tmpfs mounted with {@code size=}, which needs root (CI runs
 * as root, as developers do here). {@link #mount} answers null where mounting is not allowed, for the test to skip.
 */
final class TinyDisk implements AutoCloseable {

    private final Path folder;

    private TinyDisk(Path folder) {
        this.folder = folder;
    }

    static TinyDisk mount(int megabytes) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("newsfeed-tiny-disk");
        if (run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", folder.toString()) != 0) {
            Files.delete(folder);
            return null;
        }
        return new TinyDisk(folder);
    }

    Path folder() {
        return folder;
    }

    /** Grows the filesystem, keeping what it holds: space freed, as an operator would. */
    void resize(int megabytes) throws IOException, InterruptedException {
        if (run("mount", "-o", "remount,size=" + megabytes + "m", folder.toString()) != 0) {
            throw new IOException("cannot resize the tmpfs at " + folder);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", folder.toString());
        Files.deleteIfExists(folder);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
