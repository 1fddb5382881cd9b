package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.newsfeed.TestClock;
import dev.newsfeed.Fixtures;

/**
 * The watcher without Quarkus: a temp folder, a clock the test moves, and a hand-over that reads the file the
 * way {@link FolderIngest} does (off the watcher's thread, bounded in time) and keeps what it read.
 */
class FolderWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final Duration NEVER = Duration.ofDays(1);
    private static final String ARTICLE = Fixtures.article("canonical.txt");
    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash\n";

    @TempDir
    Path folder;

    @TempDir
    Path outside;

    /** Far ahead of the files' modification times: every file is settled at its second look. */
    private final TestClock clock = new TestClock(Instant.now().plus(Duration.ofHours(1)));
    private final BoundedReads reads = new BoundedReads(2, 64, Duration.ofSeconds(5));
    /** What each file's last successful read held, by source. */
    private final Map<String, List<String>> read = new ConcurrentHashMap<>();
    /** Why reads failed, by file name. */
    private final Map<String, Throwable> refused = new ConcurrentHashMap<>();
    private final List<FolderWatcher> watchers = new ArrayList<>();

    @AfterEach
    void close() {
        watchers.forEach(FolderWatcher::close);
        reads.close();
    }

    /** Issue 9, finding 3: a file that became a FIFO between the event and the read blocked the watcher for good. */
    @Test
    void fifoInFolderNeverBlocksTheWatcher() throws Exception {
        Path swapped = Files.writeString(folder.resolve("a-swapped.txt"), ARTICLE);
        Files.writeString(folder.resolve("b-next.txt"), ARTICLE);
        AtomicBoolean swap = new AtomicBoolean(true);
        FolderWatcher watcher = start(reading(new FolderFileReader(folder, 1 << 20), file -> {
            if (file.equals(swapped) && swap.getAndSet(false)) {
                replace(file, () -> FolderFileReaderTest.mkfifo(file));
            }
        }), NEVER);

        // Files are read side by side: the next one may be done before the FIFO is refused.
        await().atMost(WAIT).until(() -> read.containsKey("file:b-next.txt") && refused.containsKey("a-swapped.txt"));

        assertThat(refused.get("a-swapped.txt")).isInstanceOf(UnreadableSourceException.class);
        assertThat(read).doesNotContainKey("file:a-swapped.txt");
        assertThat(watcher.health().up()).isTrue();
    }

    /** Issue 9, finding 3: a file replaced by a link to a file outside the folder was read and published. */
    @Test
    void fileSwappedForSymlinkBeforeReadIsNeverPublished() throws Exception {
        Path secret = Files.writeString(outside.resolve("passwd"), SECRET);
        Path swapped = Files.writeString(folder.resolve("a-swapped.txt"), ARTICLE);
        Files.writeString(folder.resolve("b-next.txt"), ARTICLE);
        AtomicBoolean swap = new AtomicBoolean(true);
        start(reading(new FolderFileReader(folder, 1 << 20), file -> {
            if (file.equals(swapped) && swap.getAndSet(false)) {
                replace(file, () -> Files.createSymbolicLink(file, secret));
            }
        }), NEVER);

        await().atMost(WAIT).until(() -> read.containsKey("file:b-next.txt") && refused.containsKey("a-swapped.txt"));

        assertThat(read.values()).flatExtracting(texts -> texts).noneMatch(text -> text.contains("root:"));
        assertThat(refused.get("a-swapped.txt")).isInstanceOf(UnreadableSourceException.class)
                .hasMessageNotContaining(outside.toString());
    }

    /** Issue 9: a deterministic "half-written file is not published", the settle time judged by a test clock. */
    @Test
    void halfWrittenFileIsHandedOverOnlyOnceWholeAndSettled() throws Exception {
        Instant written = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestClock now = new TestClock(written);
        Path file = folder.resolve("slow.txt");
        String half = ARTICLE.substring(0, ARTICLE.length() / 2);
        writeAt(file, half, written);
        FolderWatcher watcher = start(reading(new FolderFileReader(folder, 1 << 20), ignored -> {
        }), NEVER, now);
        await().atMost(WAIT).until(() -> watcher.backlog() == 1);

        writeAt(file, ARTICLE, written);
        now.advance(SETTLE);

        await().atMost(WAIT).until(() -> read.containsKey("file:slow.txt") && watcher.backlog() == 0);
        assertThat(read.get("file:slow.txt")).containsExactly(ARTICLE);
    }

    /** Issue 9, finding 13: a file that changes while it is read is not handed over; it is read again, whole. */
    @Test
    void fileChangedWhileReadIsReadAgainOnceSettled() throws Exception {
        Path file = Files.writeString(folder.resolve("paused.txt"), ARTICLE.substring(0, 200));
        AtomicBoolean resume = new AtomicBoolean(true);
        FolderFileReader reader = new FolderFileReader(folder, 1 << 20, () -> {
            if (resume.getAndSet(false)) {
                append(file, ARTICLE.substring(200));
            }
        });
        start(reading(reader, ignored -> {
        }), NEVER);

        await().atMost(WAIT).until(() -> read.containsKey("file:paused.txt"));

        assertThat(read.get("file:paused.txt")).containsExactly(ARTICLE);
        assertThat(refused.get("paused.txt")).isInstanceOf(SourceChangedException.class);
    }

    /** The README's "the folder is listed again when the watcher reports an overflow". */
    @Test
    void overflowOfEventsIsAnsweredAtOnceByARescan() throws Exception {
        Files.writeString(folder.resolve("0-first.txt"), ARTICLE);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Path> handed = ConcurrentHashMap.newKeySet();
        FolderWatcher watcher = start(file -> {
            if (handed.isEmpty()) {
                // Holds the watcher's thread, so that the events below pile up past the watch key's limit.
                blocked.countDown();
                awaitUninterruptibly(release);
            }
            handed.add(file);
            return CompletableFuture.completedFuture(null);
        }, NEVER);
        await().atMost(WAIT).until(() -> blocked.getCount() == 0);

        int files = 1000;
        for (int i = 1; i <= files; i++) {
            Files.writeString(folder.resolve(i + ".txt"), "x");
        }
        release.countDown();

        await().atMost(WAIT).until(() -> handed.size() == files + 1);
        assertThat(watcher.overflows()).as("the file system reported lost events").isPositive();
    }

    /** The README's "and every newsfeed.ingest.rescan-interval", for changes no event reports. */
    @Test
    void intervalRescanFindsAChangeNoEventReported() throws Exception {
        // Written through a second name outside the folder, the file changes without an event in the folder.
        Path elsewhere = Files.writeString(outside.resolve("same-file"), ARTICLE);
        Files.createLink(folder.resolve("linked.txt"), elsewhere);
        Duration interval = Duration.ofMinutes(10);
        start(reading(new FolderFileReader(folder, 1 << 20), ignored -> {
        }), interval);
        await().atMost(WAIT).until(() -> read.containsKey("file:linked.txt"));

        String edited = ARTICLE.replace("Tuesday", "Wednesday, after a long debate,");
        Files.writeString(elsewhere, edited);
        clock.advance(interval);

        await().atMost(WAIT).until(() -> read.get("file:linked.txt").size() == 2);
        assertThat(read.get("file:linked.txt")).containsExactly(ARTICLE, edited);
    }

    /** Issue 9, finding 12: one unreadable subfolder made Files.walk throw, and the watcher never started. */
    @Test
    void unreadableSubfolderDoesNotStopTheWatcher() throws Exception {
        Path broken = folder.resolve("broken");
        try {
            FolderScannerTest.unreadableFolder(broken);
            Files.writeString(folder.resolve("article.txt"), ARTICLE);
            FolderWatcher watcher = start(reading(new FolderFileReader(folder, 1 << 20), ignored -> {
            }), NEVER);

            Files.writeString(broken.resolve("later.txt"), ARTICLE);

            await().atMost(WAIT).until(() -> read.containsKey("file:article.txt")
                    && read.containsKey("file:broken/later.txt"));
            assertThat(watcher.health().up()).isTrue();
        } finally {
            FolderScannerTest.deleteDeep(broken);
        }
    }

    /** Issue 9, finding 12: a watcher that cannot list its folder is down, with the reason, until it can again. */
    @Test
    void watcherThatCannotListItsFolderIsDownWithTheReasonUntilItCan() throws Exception {
        Path watched = Files.createDirectory(folder.resolve("ingest"));
        Duration interval = Duration.ofMinutes(10);
        FolderWatcher watcher = new FolderWatcher(new FolderScanner(watched, Set.of()), SETTLE, interval,
                file -> CompletableFuture.completedFuture(null), 4, clock);
        watchers.add(watcher);
        watcher.start();
        await().atMost(WAIT).until(watcher::hasRescanned);

        Files.move(watched, folder.resolve("moved-away"));
        clock.advance(interval);

        await().atMost(WAIT).until(() -> !watcher.health().up());
        assertThat(watcher.health().detail()).startsWith("listing " + watched + " failed");

        Files.move(folder.resolve("moved-away"), watched);
        await().atMost(WAIT).until(() -> watcher.health().up());
    }

    /** Issue 9, finding 12: a watcher thread that stopped looking at the folder shows in health. */
    @Test
    void watcherStuckInAHandOverIsDown() throws Exception {
        Files.writeString(folder.resolve("article.txt"), ARTICLE);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FolderWatcher watcher = start(file -> {
            blocked.countDown();
            awaitUninterruptibly(release);
            return CompletableFuture.completedFuture(null);
        }, NEVER);
        await().atMost(WAIT).until(() -> blocked.getCount() == 0);

        clock.advance(FolderWatcher.STUCK_AFTER.plusSeconds(1));

        assertThat(watcher.health().up()).isFalse();
        assertThat(watcher.health().detail()).contains("the watcher thread is stuck");
        release.countDown();
        await().atMost(WAIT).until(() -> watcher.health().up());
    }

    private FolderWatcher start(Function<Path, CompletionStage<?>> handOver, Duration rescanEvery)
            throws IOException {
        return start(handOver, rescanEvery, clock);
    }

    private FolderWatcher start(Function<Path, CompletionStage<?>> handOver, Duration rescanEvery, TestClock time)
            throws IOException {
        FolderWatcher watcher = new FolderWatcher(new FolderScanner(folder, Set.of()), SETTLE, rescanEvery, handOver,
                4, time);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    /** Reads as FolderIngest does; {@code beforeRead} runs first, on the watcher's thread, where a swap would. */
    private Function<Path, CompletionStage<?>> reading(FolderFileReader reader, FileAction beforeRead) {
        return file -> {
            beforeRead.run(file);
            return reads.run(() -> reader.read(file)).whenComplete((document, failure) -> {
                if (failure == null) {
                    read.computeIfAbsent(document.source(), source -> new CopyOnWriteArrayList<>())
                            .add(new String(document.content(), StandardCharsets.UTF_8));
                } else {
                    refused.put(file.getFileName().toString(),
                            failure instanceof CompletionException ? failure.getCause() : failure);
                }
            });
        };
    }

    @FunctionalInterface
    private interface FileAction {
        void run(Path file);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void replace(Path file, Step create) {
        try {
            Files.delete(file);
            create.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot swap " + file, e);
        }
    }

    private static void writeAt(Path file, String text, Instant modified) throws IOException {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
