package dev.newsfeed.view;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a commit of the index reflects: the topics it was read from (by id, so that a deleted and recreated topic
 * is noticed) and, for every log, the offset of the first record not yet applied. Kept in the commit's user data,
 * so the index and its positions are always written together.
 *
 * @param lastModified when the view last changed, for {@code Last-Modified}
 * @param listsEveryPartition whether {@code next} names every partition the view read, empty ones too (at 0), as
 *        every commit since issue 19 does: a partition of the topics missing from it was added since
 */
public record Checkpoint(String articlesTopicId, String retractionsTopicId, SortedMap<String, Long> next,
        Instant lastModified, boolean listsEveryPartition) {

    /** The layout of the documents; an index of another layout is rebuilt, never read. */
    static final String LAYOUT = "3";

    public static final Checkpoint EMPTY = new Checkpoint(null, null, new TreeMap<>(), Instant.EPOCH);

    /** An index whose commit this version cannot read: it is rebuilt, never read. */
    static final class LayoutMismatchException extends IllegalArgumentException {
        LayoutMismatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final String LAYOUT_KEY = "newsfeed.layout";
    private static final String ARTICLES_KEY = "newsfeed.topic.articles";
    private static final String RETRACTIONS_KEY = "newsfeed.topic.retractions";
    private static final String MODIFIED_KEY = "newsfeed.last-modified";
    private static final String LOG_PREFIX = "newsfeed.next.";
    private static final String LISTS_EVERY_PARTITION_KEY = "newsfeed.lists-every-partition";

    public Checkpoint {
        next = Collections.unmodifiableSortedMap(new TreeMap<>(next));
    }

    /** What the view holds now: the reader names every partition it reads in it before it reads them. */
    public Checkpoint(String articlesTopicId, String retractionsTopicId, SortedMap<String, Long> next,
            Instant lastModified) {
        this(articlesTopicId, retractionsTopicId, next, lastModified, true);
    }

    /** The first offset of {@code log} not yet applied. */
    public long next(String log) {
        return next.getOrDefault(log, 0L);
    }

    public boolean isEmpty() {
        return next.isEmpty();
    }

    /** Whether it was read from the topics with these ids; true while either side does not know. */
    public boolean readFrom(String articlesId, String retractionsId) {
        return agree(articlesTopicId, articlesId) && agree(retractionsTopicId, retractionsId);
    }

    private static boolean agree(String ours, String theirs) {
        return ours == null || theirs == null || Objects.equals(ours, theirs);
    }

    Map<String, String> userData() {
        Map<String, String> data = new HashMap<>();
        data.put(LAYOUT_KEY, LAYOUT);
        if (articlesTopicId != null) {
            data.put(ARTICLES_KEY, articlesTopicId);
        }
        if (retractionsTopicId != null) {
            data.put(RETRACTIONS_KEY, retractionsTopicId);
        }
        data.put(MODIFIED_KEY, lastModified.toString());
        if (listsEveryPartition) {
            data.put(LISTS_EVERY_PARTITION_KEY, "true");
        }
        next.forEach((log, offset) -> data.put(LOG_PREFIX + log, offset.toString()));
        return data;
    }

    /**
     * The checkpoint of a commit's user data.
     *
     * @throws LayoutMismatchException when the data is not of this layout or does not parse
     */
    static Checkpoint of(Map<String, String> data) {
        if (data.isEmpty()) {
            return EMPTY;
        }
        if (!LAYOUT.equals(data.get(LAYOUT_KEY))) {
            throw new LayoutMismatchException("the index has layout " + data.get(LAYOUT_KEY) + ", not " + LAYOUT,
                    null);
        }
        try {
            TreeMap<String, Long> next = new TreeMap<>();
            data.forEach((key, value) -> {
                if (key.startsWith(LOG_PREFIX)) {
                    next.put(key.substring(LOG_PREFIX.length()), Long.parseLong(value));
                }
            });
            return new Checkpoint(data.get(ARTICLES_KEY), data.get(RETRACTIONS_KEY), next,
                    Instant.parse(data.get(MODIFIED_KEY)), "true".equals(data.get(LISTS_EVERY_PARTITION_KEY)));
        } catch (RuntimeException e) {
            throw new LayoutMismatchException("the index's checkpoint does not parse: " + e, e);
        }
    }
}
