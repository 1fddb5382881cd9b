package dev.newsfeed.view;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;

/**
 * What changed between two sequences: the ids whose deciding record lies between them, found per log by the
 * index of deciding offsets, merged across logs oldest first (each log in offset order, so the sequence after any
 * of them is a prefix of every log and a client resuming from it misses nothing). A retracted or removed id
 * passes every filter: it has no text left to match.
 */
final class ChangeScan {

    private static final Query NOT_SHOWN = new BooleanQuery.Builder()
            .add(new TermQuery(new Term(ArticleDocuments.STATE, ArticleDocuments.RETRACTED)), BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(ArticleDocuments.STATE, ArticleDocuments.REMOVED)), BooleanClause.Occur.SHOULD)
            .build();

    private record Entry(ArticleState state, LogPosition position, ArticleState.Decision decision) {
    }

    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparing((Entry entry) -> entry.decision().at())
            .thenComparing(entry -> entry.position().log())
            .thenComparingLong(entry -> entry.position().offset());

    private ChangeScan() {
    }

    static FeedView.Changes between(ViewSearcher searcher, ChangeSequence since, ChangeSequence upTo, int limit,
            FeedFilter filter) throws IOException {
        StoredFields stored = searcher.stored();
        PriorityQueue<Deque<Entry>> heads = new PriorityQueue<>(Comparator.comparing(Deque::peek, OLDEST_FIRST));
        for (Map.Entry<String, Long> log : upTo.next().entrySet()) {
            long from = since.next(log.getKey());
            long to = log.getValue();
            if (from < to) {
                Deque<Entry> entries = entries(searcher, stored, log.getKey(), from, to, limit + 1, filter);
                if (!entries.isEmpty()) {
                    heads.add(entries);
                }
            }
        }
        List<FeedChange> changes = new ArrayList<>();
        // One map moved along the scan; a sequence is made of it only for what is handed out.
        TreeMap<String, Long> cursor = new TreeMap<>(since.next());
        while (!heads.isEmpty() && changes.size() < limit) {
            Deque<Entry> log = heads.poll();
            Entry entry = log.poll();
            cursor.merge(entry.position().log(), entry.position().offset() + 1, Math::max);
            String sequence = new ChangeSequence(upTo.topicId(), upTo.issuedAt(), cursor).encode();
            changes.add(entry.state().change(sequence));
            if (!log.isEmpty()) {
                heads.add(log);
            }
        }
        boolean more = !heads.isEmpty();
        if (!more) {
            // Nothing left: the client may skip straight to the end, the rest of every log decides nothing.
            upTo.next().forEach((log, offset) -> cursor.merge(log, offset, Math::max));
        }
        return new FeedView.Changes(changes, new ChangeSequence(upTo.topicId(), upTo.issuedAt(), cursor), more);
    }

    /** Up to {@code max} ids decided in {@code [from, to)} of one log, in offset order. */
    private static Deque<Entry> entries(ViewSearcher searcher, StoredFields stored, String log, long from, long to,
            int max, FeedFilter filter) throws IOException {
        String field = ArticleDocuments.decidedAtField(log);
        Query range = LongPoint.newRangeQuery(field, from, to - 1);
        Query query = filter.isNone() ? range : new BooleanQuery.Builder()
                .add(range, BooleanClause.Occur.FILTER)
                .add(new BooleanQuery.Builder()
                        .add(filter.toQuery(), BooleanClause.Occur.SHOULD)
                        .add(NOT_SHOWN, BooleanClause.Occur.SHOULD)
                        .build(), BooleanClause.Occur.FILTER)
                .build();
        Deque<Entry> entries = new ArrayDeque<>();
        for (ScoreDoc hit : searcher.search(query, max, new Sort(new SortField(field, SortField.Type.LONG))).scoreDocs) {
            ArticleState state = ArticleDocuments.state(stored, hit.doc);
            ArticleState.Decision decision = state.decision();
            entries.add(new Entry(state, decision.position(), decision));
        }
        return entries;
    }
}
