package dev.newsfeed.ingest.folder;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;

/**
 * Finds the article files of a folder while the service runs and hands each one over once it is whole.
 *
 * <p>Files are found by a {@link WatchService}, by a rescan when it reports an overflow, and by a periodic
 * rescan as a safety net. A file is whole once its size and modification time are the same at two looks
 * and it has not been modified for the settle time, so a file still being written is never read
 * half-written; a file that changes while it is read anyway ({@link SourceChangedException}) waits to settle
 * again. Files are handed over at most {@code maxInFlight} and {@code maxInFlightBytes} at a time (one file at
 * least, whatever its size), and each completed hand-over frees its slot at once, so a burst flows at Kafka's pace;
 * one whose hand-over fails (Kafka away) is tried again after a {@link RetryBackoff} pause. A file is not looked at
 * again before it can have settled (its modification time plus the settle time), so a burst of 20,000 files
 * costs no look at each of them at every tick. A file handed over successfully is looked at again
 * only when its size or modification time changes. All state lives on one thread, so nothing here needs a lock.
 *
 * <p>It never stops silently: a subfolder it cannot read is skipped with a WARN, a failing look at the folder
 * is logged once and shown by {@link #health()} until it succeeds again, and so is a watcher thread that has
 * not finished a look at the folder for {@link #STUCK_AFTER}.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);
    /** Far longer than a look at a large folder takes; a watcher silent for this long is stuck. */
    static final Duration STUCK_AFTER = Duration.ofSeconds(30);

    private final FolderScanner scanner;
    private final Duration settle;
    private final Duration rescanEvery;
    private final Function<Path, CompletionStage<?>> handOver;
    private final int maxInFlight;
    private final long maxInFlightBytes;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Map<Path, Fingerprint> handedOver = new HashMap<>();
    private final Map<Path, Candidate> candidates = new LinkedHashMap<>();
    private WatchService watchService;
    private Instant nextRescan;
    private int inFlight;
    private long inFlightBytes;
    /** A look at the candidates is queued on the thread: the completions before it share it. */
    private boolean refillQueued;
    private volatile int backlog;
    private volatile boolean rescanned;
    private volatile int overflows;
    private volatile Instant lastTick;
    private volatile String failure;
    private volatile boolean closed;

    /** Whether the watcher works, and if not, why. */
    public record Health(boolean up, String detail) {
    }

    public FolderWatcher(FolderScanner scanner, Duration settle, Duration rescanEvery,
            Function<Path, CompletionStage<?>> handOver, int maxInFlight, Clock clock) {
        this(scanner, settle, rescanEvery, handOver, maxInFlight, Long.MAX_VALUE, clock);
    }

    /** @param maxInFlightBytes the sizes of the files handed over and not completed, at most (one file at least) */
    public FolderWatcher(FolderScanner scanner, Duration settle, Duration rescanEvery,
            Function<Path, CompletionStage<?>> handOver, int maxInFlight, long maxInFlightBytes, Clock clock) {
        this.maxInFlightBytes = maxInFlightBytes;
        this.scanner = scanner;
        this.settle = settle;
        this.rescanEvery = rescanEvery;
        this.handOver = handOver;
        this.maxInFlight = maxInFlight;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "newsfeed-folder-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** @throws IOException when the folder itself cannot be watched; a subfolder that cannot is skipped */
    public void start() throws IOException {
        watchService = FileSystems.getDefault().newWatchService();
        registerTree(scanner.folder());
        nextRescan = clock.instant();
        lastTick = clock.instant();
        // A settled file waits for the next tick: half a tick on average, added to every file's way to the feed
        // (issue 10: with 250 ms ticks, 76 ms past the settle time at the median). A tick that finds nothing due
        // costs a comparison per waiting file.
        long tick = Math.max(10, Math.min(50, settle.toMillis() / 10));
        thread.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }

    /** Files found but not yet handed over successfully. */
    public int backlog() {
        return backlog;
    }

    /** Whether the whole folder has been listed at least once. */
    public boolean hasRescanned() {
        return rescanned;
    }

    /** How many times the file system reported that it lost events (each one answered by a rescan). */
    int overflows() {
        return overflows;
    }

    /** Down when closed, when its last look at the folder failed, or when it has not looked for too long. */
    public Health health() {
        if (closed) {
            return new Health(false, "stopped");
        }
        String failed = failure;
        if (failed != null) {
            return new Health(false, failed);
        }
        Instant last = lastTick;
        if (last != null && clock.instant().isAfter(last.plus(STUCK_AFTER))) {
            return new Health(false, "no look at " + scanner.folder() + " since " + last
                    + ": the watcher thread is stuck");
        }
        return new Health(true, "watching " + scanner.folder() + ", " + backlog + " files waiting");
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            LOG.debugf("Closing the watch service: %s", e.getMessage());
        }
    }

    private void tick() {
        String problem = null;
        try {
            drainEvents();
            if (!clock.instant().isBefore(nextRescan)) {
                rescan();
                nextRescan = clock.instant().plus(rescanEvery);
            }
        } catch (RuntimeException | IOException e) {
            // The rescan is due again at the next tick; the files already known still move on below.
            problem = "listing " + scanner.folder() + " failed: " + e;
            LOG.debug("Listing the ingest folder failed", e);
        }
        try {
            advance();
        } catch (RuntimeException e) {
            problem = problem != null ? problem : "handing the files of " + scanner.folder() + " over failed: " + e;
            LOG.debug("Handing files over failed", e);
        } finally {
            backlog = candidates.size();
            lastTick = clock.instant();
        }
        if (problem == null) {
            recovered();
        } else {
            failed(problem);
        }
    }

    /** Logs a failure once, not at every tick while it lasts, and shows it in {@link #health()}. */
    private void failed(String reason) {
        String safe = LogValues.safe(reason);
        if (!safe.equals(failure)) {
            LOG.errorf("Watching stopped working, %s; trying again at every look until it works", safe);
        }
        failure = safe;
    }

    private void recovered() {
        if (failure != null) {
            LOG.infof("Watching %s works again", scanner.folder());
            failure = null;
        }
    }

    private void drainEvents() {
        for (WatchKey key = watchService.poll(); key != null; key = watchService.poll()) {
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    LOG.warnf("Too many changes in %s at once; rescanning it", scanner.folder());
                    overflows++;
                    nextRescan = clock.instant();
                    continue;
                }
                Path child = dir.resolve((Path) event.context());
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    registerNewFolder(child);
                    // Files may have landed in it before it was watched.
                    nextRescan = clock.instant();
                } else if (scanner.isArticleFile(child)) {
                    // Changed: looked at again at once, whenever it was due to settle.
                    candidates.computeIfAbsent(child, file -> new Candidate()).settledAt = null;
                }
            }
            key.reset();
        }
    }

    private void registerNewFolder(Path folder) {
        try {
            registerTree(folder);
        } catch (IOException e) {
            // Gone already, or unreadable: the rescans list what they can.
            LOG.warnf("Cannot watch the new folder %s: %s", LogValues.safe(folder), LogValues.safe(e.getMessage()));
        }
    }

    private void rescan() throws IOException {
        Set<Path> present = new HashSet<>();
        // The attributes the walk read: one look at each file, not three.
        scanner.forEachFile((file, attributes) -> {
            present.add(file);
            Fingerprint now = new Fingerprint(attributes.size(), attributes.lastModifiedTime());
            if (!now.equals(handedOver.get(file))) {
                Candidate candidate = candidates.computeIfAbsent(file, path -> new Candidate());
                if (!now.equals(candidate.seen)) {
                    candidate.settledAt = null;
                }
            }
        });
        handedOver.keySet().retainAll(present);
        rescanned = true;
    }

    private void advance() {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Path, Candidate>> waiting = candidates.entrySet().iterator(); waiting.hasNext();) {
            if (full()) {
                return;
            }
            Map.Entry<Path, Candidate> entry = waiting.next();
            Path file = entry.getKey();
            Candidate candidate = entry.getValue();
            if (candidate.inFlight || (candidate.retryAt != null && now.isBefore(candidate.retryAt))
                    || (candidate.settledAt != null && now.isBefore(candidate.settledAt))) {
                continue;
            }
            Fingerprint current = Fingerprint.of(file);
            if (current == null) {
                waiting.remove();
            } else if (!current.equals(candidate.seen)) {
                candidate.seen = current;
                // It cannot be handed over before then; a change reported meanwhile has it looked at at once, and
                // one the file system does not report is seen within a settle time all the same.
                Instant settled = current.modified().toInstant().plus(settle);
                Instant nextLook = now.plus(settle);
                candidate.settledAt = settled.isBefore(nextLook) ? settled : nextLook;
            } else if (current.equals(handedOver.get(file))) {
                waiting.remove();
            } else if (!current.modified().toInstant().plus(settle).isAfter(now)) {
                handOver(file, candidate, current);
            }
        }
    }

    /** No slot for another file: as many in flight as allowed, or their bytes (one file always goes). */
    private boolean full() {
        return inFlight >= maxInFlight || (inFlight > 0 && inFlightBytes >= maxInFlightBytes);
    }

    private void handOver(Path file, Candidate candidate, Fingerprint fingerprint) {
        candidate.inFlight = true;
        inFlight++;
        inFlightBytes += fingerprint.size();
        CompletionStage<?> result;
        try {
            result = handOver.apply(file);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((ignored, failure) -> thread.execute(() -> {
            try {
                handedOver(file, candidate, fingerprint, failure);
            } catch (RuntimeException e) {
                // An executor would keep this to itself: shown like a failing tick instead.
                failed("handing the files of " + scanner.folder() + " over failed: " + e);
            }
        }));
    }

    private void handedOver(Path file, Candidate candidate, Fingerprint fingerprint, Throwable failure) {
        inFlight--;
        inFlightBytes -= fingerprint.size();
        candidate.inFlight = false;
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            handedOver.put(file, fingerprint);
            candidate.retryAt = null;
            candidate.backoff = null;
            if (fingerprint.equals(Fingerprint.of(file))) {
                candidates.remove(file);
            }
        } else if (cause instanceof SourceChangedException) {
            // Its writer went on after the settle time: wait for it to settle again, then read it whole.
            candidate.seen = null;
            LOG.infof("%s changed while it was read; read again once it settles", LogValues.safe(file));
        } else {
            candidate.backoff = RetryBackoff.next(candidate.backoff);
            candidate.retryAt = clock.instant().plus(candidate.backoff);
            LOG.warnf("%s not ingested yet (%s); next try in %d s", LogValues.safe(file), LogValues.safe(cause.getMessage()),
                    candidate.backoff.toSeconds());
        }
        // Refill the free slot now rather than at the next tick, so that a burst of files flows at Kafka's pace;
        // the completions queued meanwhile share one look at the candidates.
        if (!refillQueued && !closed) {
            refillQueued = true;
            thread.execute(this::refill);
        }
        backlog = candidates.size();
    }

    private void refill() {
        refillQueued = false;
        try {
            advance();
        } catch (RuntimeException e) {
            failed("handing the files of " + scanner.folder() + " over failed: " + e);
        } finally {
            backlog = candidates.size();
        }
    }

    private void registerTree(Path root) throws IOException {
        for (Path dir : scanner.folders(root)) {
            try {
                dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
            } catch (IOException e) {
                if (dir.equals(root) && root.equals(scanner.folder())) {
                    throw e;
                }
                // The periodic rescans still find its files, only later.
                LOG.warnf("Cannot watch %s; its files are found by the rescans: %s", LogValues.safe(dir),
                        LogValues.safe(e.getMessage()));
            }
        }
    }

    private static final class Candidate {
        Fingerprint seen;
        /** Not to be handed over before: its last seen modification time plus the settle time. */
        Instant settledAt;
        boolean inFlight;
        Instant retryAt;
        Duration backoff;
    }

    private record Fingerprint(long size, FileTime modified) {

        static Fingerprint of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Fingerprint(attributes.size(), attributes.lastModifiedTime());
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                LOG.warnf("Cannot read the attributes of %s: %s", LogValues.safe(file), LogValues.safe(e.getMessage()));
                return null;
            }
        }
    }
}
