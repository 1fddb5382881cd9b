package dev.newsfeed.view;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * How many shown articles carry each tag, read from the tag postings of the index: only shown documents are
 * tagged, so a posting is an article in the feed unless a later version of it replaced its document.
 */
final class TagCounts {

    private static final Comparator<TagCount> MOST_USED_FIRST = Comparator.comparingInt(TagCount::count)
            .reversed().thenComparing(TagCount::tag);

    private TagCounts() {
    }

    static List<TagCount> of(IndexReader reader) {
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (LeafReaderContext leaf : reader.leaves()) {
                Terms terms = leaf.reader().terms(ArticleDocuments.TAG);
                if (terms == null) {
                    continue;
                }
                Bits live = leaf.reader().getLiveDocs();
                TermsEnum tags = terms.iterator();
                PostingsEnum postings = null;
                for (BytesRef tag = tags.next(); tag != null; tag = tags.next()) {
                    int count = 0;
                    if (live == null) {
                        count = tags.docFreq();
                    } else {
                        postings = tags.postings(postings, PostingsEnum.NONE);
                        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
                                doc = postings.nextDoc()) {
                            if (live.get(doc)) {
                                count++;
                            }
                        }
                    }
                    if (count > 0) {
                        counts.merge(tag.utf8ToString(), count, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the index could not be read for tag counts", e);
        }
        List<TagCount> sorted = new ArrayList<>(counts.size());
        counts.forEach((tag, count) -> sorted.add(new TagCount(tag, count)));
        sorted.sort(MOST_USED_FIRST);
        return sorted;
    }
}
