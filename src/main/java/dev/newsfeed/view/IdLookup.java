package dev.newsfeed.view;

import java.io.IOException;
import java.util.Optional;

import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the live document of an id by seeking the term in each segment: cheaper than a query, and it skips at
 * once the segments that lack the field, which for the field of retracted and removed ids is most of them.
 */
final class IdLookup {

    private IdLookup() {
    }

    static Optional<ArticleState> find(IndexSearcher searcher, String field, String id) throws IOException {
        BytesRef term = new BytesRef(id);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafReader reader = leaf.reader();
            Terms terms = reader.terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum ids = terms.iterator();
            if (!ids.seekExact(term)) {
                continue;
            }
            Bits live = reader.getLiveDocs();
            PostingsEnum postings = ids.postings(null, PostingsEnum.NONE);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live == null || live.get(doc)) {
                    return Optional.of(ArticleDocuments.state(reader.storedFields(), doc));
                }
            }
        }
        return Optional.empty();
    }
}
