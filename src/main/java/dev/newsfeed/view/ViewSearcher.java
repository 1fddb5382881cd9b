package dev.newsfeed.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * A point-in-time snapshot of the view: the index as of one applied batch, with the positions that batch
 * reached. What a request reads and the since token it is handed come from the same snapshot, so a token
 * never claims more than the answer held.
 */
final class ViewSearcher extends IndexSearcher {

    private static final TermQuery SHOWN = new TermQuery(new Term(ArticleDocuments.STATE, ArticleDocuments.SHOWN));

    private final SortedMap<String, Long> next;
    private final Instant lastModified;
    private volatile int size = -1;
    private volatile List<TagCount> tags;

    ViewSearcher(IndexReader reader, SortedMap<String, Long> next, Instant lastModified) {
        super(reader);
        this.next = next;
        this.lastModified = lastModified;
    }

    /** For every log, the offset of the first record this snapshot has not applied. */
    SortedMap<String, Long> next() {
        return next;
    }

    Instant lastModified() {
        return lastModified;
    }

    StoredFields stored() {
        try {
            return storedFields();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many articles the feed shows; counted once per snapshot. */
    int size() {
        int known = size;
        if (known < 0) {
            try {
                known = count(SHOWN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            size = known;
        }
        return known;
    }

    /** Tag counts, taken from the index once per snapshot. */
    List<TagCount> tags() {
        List<TagCount> known = tags;
        if (known == null) {
            known = TagCounts.of(getIndexReader());
            tags = known;
        }
        return known;
    }
}
