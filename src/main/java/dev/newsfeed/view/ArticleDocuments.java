package dev.newsfeed.view;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

import dev.newsfeed.article.Article;

/**
 * The one document of an article id: its {@link ArticleState} stored, what decides it indexed by log position,
 * and, while the feed shows it, its text, tags, source and publication time indexed for the feed's filters and
 * order.
 */
final class ArticleDocuments {

    static final String ID = "id";
    /** shown, retracted (a retraction took it out) or removed (a tombstone alone did). */
    static final String STATE = "state";
    static final String SHOWN = "shown";
    static final String RETRACTED = "retracted";
    static final String REMOVED = "removed";
    /** The id again, on documents with a retraction or tombstone only: a small field to look them up in. */
    static final String GONE = "gone";
    /**
     * Marks a retracted version still on the articles topic, with no tombstone after it: its retraction's tombstone
     * failed to be written, and compaction keeps the text until one is.
     */
    static final String AWAITS = "awaits";
    static final String TOMBSTONE = "tombstone";
    /** The other value of {@link #AWAITS}: a shown version that a tombstone meant for another shadowed. */
    static final String REWRITE = "rewrite";
    static final String TEXT = "text";
    static final String TITLE = "title";
    static final String TAG = "tag";
    static final String SOURCE = "source";
    static final String PUBLISHED = "published";
    static final String VERSION = "version";
    static final String VERSION_AT = "version_at";
    static final String RETRACTION = "retraction";
    static final String RETRACTION_AT = "retraction_at";
    static final String TOMBSTONE_AT = "tombstone_at";
    static final String TOMBSTONE_TIME = "tombstone_time";
    static final String SHADOWED_AT = "shadowed_at";
    /** The field of a log's offsets ({@code at.a0}): the offset of the record deciding each id in that log. */
    private static final String DECIDED_AT_PREFIX = "at.";

    /**
     * Feed order: newest publication first, ties by id. The index is not sorted so on disk (sorting every flush
     * and merge cost a replay a quarter of its time); the publication time is indexed as points and doc values
     * under one name, so a sorted search skips what cannot make the page.
     */
    static final Sort FEED_ORDER = feedOrder();

    static final Set<String> STORED = Set.of(ID, VERSION, VERSION_AT, RETRACTION, RETRACTION_AT, TOMBSTONE_AT,
            TOMBSTONE_TIME, SHADOWED_AT);

    private static final Set<String> VERSION_ONLY = Set.of(VERSION);

    private ArticleDocuments() {
    }

    static Term idTerm(String id) {
        return new Term(ID, id);
    }

    static String decidedAtField(String log) {
        return DECIDED_AT_PREFIX + log;
    }

    static Document document(ArticleState state) {
        Document doc = new Document();
        doc.add(new StringField(ID, state.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(ID, new BytesRef(state.id())));
        if (state.version() != null) {
            doc.add(new StoredField(VERSION, ViewJson.write(state.version())));
            doc.add(new StoredField(VERSION_AT, position(state.versionAt())));
        }
        if (state.retraction() != null) {
            doc.add(new StoredField(RETRACTION, ViewJson.write(state.retraction())));
            doc.add(new StoredField(RETRACTION_AT, position(state.retractionAt())));
        }
        if (state.tombstoneAt() != null) {
            doc.add(new StoredField(TOMBSTONE_AT, position(state.tombstoneAt())));
            doc.add(new StoredField(TOMBSTONE_TIME, state.tombstoneTime().toString()));
        }
        if (state.shadowedAt() != null) {
            doc.add(new StoredField(SHADOWED_AT, position(state.shadowedAt())));
        }
        if (state.awaitsRewrite()) {
            doc.add(new StringField(AWAITS, REWRITE, Field.Store.NO));
        }
        if (state.hasGone()) {
            doc.add(new StringField(GONE, state.id(), Field.Store.NO));
        }
        if (state.version() != null && !state.shown()) {
            doc.add(new StringField(AWAITS, TOMBSTONE, Field.Store.NO));
        }
        ArticleState.Decision decision = state.decision();
        if (decision != null) {
            String field = decidedAtField(decision.position().log());
            doc.add(new LongPoint(field, decision.position().offset()));
            doc.add(new NumericDocValuesField(field, decision.position().offset()));
        }
        if (state.shown()) {
            doc.add(new StringField(STATE, SHOWN, Field.Store.NO));
            addSearchable(doc, state.version());
        } else {
            doc.add(new StringField(STATE, state.retraction() != null ? RETRACTED : REMOVED, Field.Store.NO));
        }
        return doc;
    }

    private static void addSearchable(Document doc, Article article) {
        // One value per part, so that a phrase never runs from the end of one into the next.
        doc.add(new TextField(TITLE, article.title(), Field.Store.NO));
        for (String part : searchableText(article)) {
            doc.add(new TextField(TEXT, part, Field.Store.NO));
        }
        article.tags().forEach(tag -> doc.add(new StringField(TAG, tag, Field.Store.NO)));
        if (article.source() != null) {
            doc.add(new StringField(SOURCE, article.source(), Field.Store.NO));
            // Beside the term, for a source prefix matching a large part of the feed: checking the page's
            // candidates by doc value is cheaper than gathering every matching source term (FeedFilter).
            doc.add(new SortedDocValuesField(SOURCE, new BytesRef(article.source())));
        }
        long published = FeedPosition.sortKey(article.publishedAt());
        doc.add(new LongPoint(PUBLISHED, published));
        doc.add(new NumericDocValuesField(PUBLISHED, published));
    }

    /** The parts of an article that words are searched in, each its own field value. */
    static List<String> searchableText(Article article) {
        List<String> parts = new ArrayList<>(article.body().size() + 3);
        for (String part : List.of(nonNull(article.title()), nonNull(article.subtitle()), nonNull(article.summary()))) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        parts.addAll(article.body());
        return parts;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** The state a document holds. */
    static ArticleState state(Document doc) {
        BytesRef version = doc.getBinaryValue(VERSION);
        BytesRef retraction = doc.getBinaryValue(RETRACTION);
        String tombstoneTime = doc.get(TOMBSTONE_TIME);
        return new ArticleState(doc.get(ID),
                version == null ? null : ViewJson.article(version), position(doc.get(VERSION_AT)),
                retraction == null ? null : ViewJson.retraction(retraction), position(doc.get(RETRACTION_AT)),
                position(doc.get(TOMBSTONE_AT)), tombstoneTime == null ? null : Instant.parse(tombstoneTime),
                position(doc.get(SHADOWED_AT)));
    }

    static ArticleState state(StoredFields fields, int doc) throws IOException {
        return state(fields.document(doc, STORED));
    }

    /** The article version of a shown document, reading nothing else. */
    static Article version(StoredFields fields, int doc) throws IOException {
        return ViewJson.article(fields.document(doc, VERSION_ONLY).getBinaryValue(VERSION));
    }

    private static String position(LogPosition position) {
        return position.log() + ":" + position.offset();
    }

    private static LogPosition position(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        return new LogPosition(stored.substring(0, colon), Long.parseLong(stored.substring(colon + 1)));
    }

    private static Sort feedOrder() {
        SortField published = new SortField(PUBLISHED, SortField.Type.LONG, true);
        published.setMissingValue(Long.MIN_VALUE);
        return new Sort(published, new SortField(ID, SortField.Type.STRING));
    }
}
