package dev.newsfeed.view;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NRTCachingDirectory;

/**
 * Lucene's {@link NRTCachingDirectory}, which keeps the segments a refresh flushes in memory until a merge or a commit
 * takes them, extended to their stored fields. Those are written as the documents are added, before anyone knows
 * how large the segment will be, so Lucene gives no size and NRTCachingDirectory sends them to disk: a refresh that
 * shows a write's one article then created, mapped, read back and deleted five files on disk, a fifth to a quarter
 * of the view reader's CPU at 50 writes a second (async-profiler, 600 POSTs one after the other). Whoever writes
 * knows: a write's batch of a few articles is shown by a refresh at once, a replay's grows into segments of the RAM
 * buffer's size.
 *
 * <p>Nothing is less durable for it: a commit syncs every file it names, which writes a cached one to disk first.
 */
final class SmallSegmentCache extends NRTCachingDirectory {

    private final long maxCachedBytes;
    private volatile boolean small;

    SmallSegmentCache(Directory delegate, double maxMergeSizeMB, double maxCachedMB) {
        super(delegate, maxMergeSizeMB, maxCachedMB);
        this.maxCachedBytes = (long) (maxCachedMB * 1024 * 1024);
    }

    /** Whether the documents written next are few, and shown by a refresh right after them. */
    void nextSegmentSmall(boolean small) {
        this.small = small;
    }

    @Override
    protected boolean doCacheWrite(String name, IOContext context) {
        if (context.flushInfo != null || context.mergeInfo != null) {
            return super.doCacheWrite(name, context);
        }
        // A segment's own files only ("_" and its name): commit points (pending_segments_N, then segments_N) go to
        // disk as they always did.
        return small && name.startsWith("_") && ramBytesUsed() < maxCachedBytes;
    }
}
