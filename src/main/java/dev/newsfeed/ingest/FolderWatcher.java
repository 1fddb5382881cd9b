package dev.newsfeed.ingest;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * Finds the article files of a folder while the service runs and hands each one over once it is whole.
 *
 * <p>Files are found by a {@link WatchService}, by a rescan when it reports an overflow, and by a periodic
 * rescan as a safety net. A file is whole once its size and modification time are the same at two looks
 * and it has not been modified for the settle time, so a file still being written is never read
 * half-written. Files are handed over at most {@code maxInFlight} at a time; one whose hand-over fails (Kafka
 * away) is tried again with a growing pause. A file handed over successfully is looked at again only when
 * its size or modification time changes. All state lives on one thread, so nothing here needs a lock.
 */
public final class FolderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FolderWatcher.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(60);

    private final FolderScanner scanner;
    private final Duration settle;
    private final Duration rescanEvery;
    private final Function<Path, CompletionStage<?>> handOver;
    private final int maxInFlight;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final Map<Path, Fingerprint> handedOver = new HashMap<>();
    private final Map<Path, Candidate> candidates = new LinkedHashMap<>();
    private WatchService watchService;
    private Instant nextRescan;
    private int inFlight;
    private volatile int backlog;
    private volatile boolean rescanned;

    public FolderWatcher(FolderScanner scanner, Duration settle, Duration rescanEvery,
            Function<Path, CompletionStage<?>> handOver, int maxInFlight, Clock clock) {
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

    public void start() throws IOException {
        watchService = FileSystems.getDefault().newWatchService();
        registerTree(scanner.folder());
        nextRescan = clock.instant();
        long tick = Math.max(10, Math.min(250, settle.toMillis() / 4));
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

    @Override
    public void close() {
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
        try {
            drainEvents();
            if (!clock.instant().isBefore(nextRescan)) {
                rescan();
                nextRescan = clock.instant().plus(rescanEvery);
            }
            advance();
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "Watching %s failed; trying again", scanner.folder());
        } finally {
            backlog = candidates.size();
        }
    }

    private void drainEvents() throws IOException {
        for (WatchKey key = watchService.poll(); key != null; key = watchService.poll()) {
            Path dir = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == OVERFLOW) {
                    LOG.warnf("Too many changes in %s at once; rescanning it", scanner.folder());
                    nextRescan = clock.instant();
                    continue;
                }
                Path child = dir.resolve((Path) event.context());
                if (event.kind() == ENTRY_CREATE && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    registerTree(child);
                    // Files may have landed in it before it was watched.
                    nextRescan = clock.instant();
                } else if (scanner.isArticleFile(child)) {
                    candidates.putIfAbsent(child, new Candidate());
                }
            }
            key.reset();
        }
    }

    private void rescan() throws IOException {
        Set<Path> present = new HashSet<>();
        for (Path file : scanner.files()) {
            present.add(file);
            Fingerprint now = Fingerprint.of(file);
            if (now != null && !now.equals(handedOver.get(file))) {
                candidates.putIfAbsent(file, new Candidate());
            }
        }
        handedOver.keySet().retainAll(present);
        rescanned = true;
    }

    private void advance() {
        Instant now = clock.instant();
        List<Map.Entry<Path, Candidate>> waiting = new ArrayList<>(candidates.entrySet());
        for (Map.Entry<Path, Candidate> entry : waiting) {
            if (inFlight >= maxInFlight) {
                return;
            }
            Path file = entry.getKey();
            Candidate candidate = entry.getValue();
            if (candidate.inFlight || (candidate.retryAt != null && now.isBefore(candidate.retryAt))) {
                continue;
            }
            Fingerprint current = Fingerprint.of(file);
            if (current == null) {
                candidates.remove(file);
            } else if (!current.equals(candidate.seen)) {
                candidate.seen = current;
            } else if (current.equals(handedOver.get(file))) {
                candidates.remove(file);
            } else if (!current.modified().toInstant().plus(settle).isAfter(now)) {
                handOver(file, candidate, current);
            }
        }
    }

    private void handOver(Path file, Candidate candidate, Fingerprint fingerprint) {
        candidate.inFlight = true;
        inFlight++;
        CompletionStage<?> result;
        try {
            result = handOver.apply(file);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((ignored, failure) -> thread.execute(
                () -> handedOver(file, candidate, fingerprint, failure)));
    }

    private void handedOver(Path file, Candidate candidate, Fingerprint fingerprint, Throwable failure) {
        inFlight--;
        candidate.inFlight = false;
        if (failure == null) {
            handedOver.put(file, fingerprint);
            candidate.retryAt = null;
            candidate.backoff = null;
            if (fingerprint.equals(Fingerprint.of(file))) {
                candidates.remove(file);
            }
        } else {
            candidate.backoff = candidate.backoff == null ? FIRST_RETRY
                    : LAST_RETRY.compareTo(candidate.backoff.multipliedBy(2)) < 0 ? LAST_RETRY
                            : candidate.backoff.multipliedBy(2);
            candidate.retryAt = clock.instant().plus(candidate.backoff);
            LOG.warnf("%s not ingested yet (%s); next try in %d s", file, failure.getMessage(),
                    candidate.backoff.toSeconds());
        }
        // Refill the free slot now rather than at the next tick: a burst of files flows at Kafka's pace.
        advance();
        backlog = candidates.size();
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            Iterable<Path> subfolders = dirs.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))::iterator;
            for (Path dir : subfolders) {
                if (!dir.getFileName().toString().startsWith(".") || dir.equals(root)) {
                    dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY);
                }
            }
        }
    }

    private static final class Candidate {
        Fingerprint seen;
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
                LOG.warnf("Cannot read the attributes of %s: %s", file, e.getMessage());
                return null;
            }
        }
    }
}
