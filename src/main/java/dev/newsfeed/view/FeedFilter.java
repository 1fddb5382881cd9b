package dev.newsfeed.view;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

import dev.newsfeed.article.Article;
import dev.newsfeed.problem.ProblemException;

/**
 * Which articles a feed request wants: words that must all appear in the title, subtitle, summary or body, as
 * words and not inside other words, case and accents ignored ({@code "quoted phrases"} keep their order); a tag;
 * a source prefix; a publication window {@code [from, to)}. The same filter is an index query for pages and
 * change scans and a test of one article for the live stream, with the same analysis, so both agree.
 */
public final class FeedFilter implements Predicate<Article> {

    public static final FeedFilter NONE = new FeedFilter(null, null, null, null, null);

    /** Longer searches are refused: nobody types them, and each word costs a clause. */
    public static final int MAX_QUERY_LENGTH = 500;
    public static final int MAX_QUERY_WORDS = 32;
    public static final int MAX_VALUE_LENGTH = 1_000;

    private static final Analyzer ANALYZER = new ArticleAnalyzer();
    /** Quotes make phrases; every other character is text, so no input is a syntax error. */
    private static final int SYNTAX = SimpleQueryParser.PHRASE_OPERATOR | SimpleQueryParser.WHITESPACE_OPERATOR;
    /** A word in the title counts twice for relevance. */
    private static final Map<String, Float> FIELDS = Map.of(ArticleDocuments.TEXT, 1f, ArticleDocuments.TITLE, 2f);

    private final String query;
    private final String tag;
    private final String sourcePrefix;
    private final Instant from;
    private final Instant to;
    private final Query words;

    private FeedFilter(String query, String tag, String sourcePrefix, Instant from, Instant to) {
        this.query = query;
        this.tag = tag;
        this.sourcePrefix = sourcePrefix;
        this.from = from;
        this.to = to;
        this.words = query == null ? null : parse(query);
    }

    /** A filter from query parameters; null or blank parameters filter nothing. */
    public static FeedFilter of(String query, String sourcePrefix, Instant from, Instant to) {
        return of(query, null, sourcePrefix, from, to);
    }

    /** @throws ProblemException (400) for a search longer than the limits */
    public static FeedFilter of(String query, String tag, String sourcePrefix, Instant from, Instant to) {
        return new FeedFilter(bounded("q", blankToNull(query), MAX_QUERY_LENGTH), bounded("tag", blankToNull(tag),
                MAX_VALUE_LENGTH), bounded("source", blankToNull(sourcePrefix), MAX_VALUE_LENGTH), from, to);
    }

    private static Query parse(String text) {
        if (text.trim().equals("*")) {
            // SimpleQueryParser answers a lone * with every document, whatever operators are on: here * is text,
            // and a search without a word finds nothing.
            return new MatchNoDocsQuery("no words in the search");
        }
        SimpleQueryParser parser = new SimpleQueryParser(ANALYZER, FIELDS, SYNTAX);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        Query parsed = parser.parse(text);
        if (parsed == null) {
            // Nothing in it is a word ("!!!"): as before, such a search finds nothing.
            return new MatchNoDocsQuery("no words in the search");
        }
        int[] terms = { 0 };
        parsed.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... found) {
                terms[0] += found.length;
            }
        });
        // Each word is looked up in two fields.
        if (terms[0] > MAX_QUERY_WORDS * FIELDS.size()) {
            throw new ProblemException(400, "Invalid request", "q may hold at most " + MAX_QUERY_WORDS + " words");
        }
        return parsed;
    }

    public boolean isNone() {
        return query == null && tag == null && sourcePrefix == null && from == null && to == null;
    }

    /** Whether the filter holds words, by which results can be ranked. */
    public boolean hasWords() {
        return words != null;
    }

    /** The query of the articles the filter wants, among the shown ones. */
    Query toQuery() {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ArticleDocuments.STATE, ArticleDocuments.SHOWN)), BooleanClause.Occur.FILTER);
        if (words != null) {
            query.add(words, BooleanClause.Occur.MUST);
        }
        if (tag != null) {
            query.add(new TermQuery(new Term(ArticleDocuments.TAG, tag)), BooleanClause.Occur.FILTER);
        }
        if (sourcePrefix != null) {
            query.add(sourceQuery(sourcePrefix), BooleanClause.Occur.FILTER);
        }
        if (from != null || to != null) {
            long lower = from == null ? Long.MIN_VALUE : FeedPosition.sortKey(from);
            long upper = to == null ? Long.MAX_VALUE : FeedPosition.sortKey(to) - 1;
            query.add(LongPoint.newRangeQuery(ArticleDocuments.PUBLISHED, lower, upper), BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    /**
     * The sources that start with {@code prefix}. A prefix such as {@code file:world/} matches a term per
     * article, so gathering them all costs as much as the feed is long; Lucene picks, per segment, between that
     * and checking only the candidates of the page against the source's doc value, whichever costs less.
     */
    private static Query sourceQuery(String prefix) {
        BytesRef lower = new BytesRef(prefix);
        // Every UTF-8 string that starts with the prefix sorts below the prefix followed by 0xFF, a byte UTF-8
        // never holds.
        byte[] upper = Arrays.copyOf(lower.bytes, lower.length + 1);
        upper[lower.length] = (byte) 0xFF;
        return new IndexOrDocValuesQuery(new PrefixQuery(new Term(ArticleDocuments.SOURCE, prefix)),
                SortedDocValuesField.newSlowRangeQuery(ArticleDocuments.SOURCE, lower, new BytesRef(upper), true,
                        true));
    }

    @Override
    public boolean test(Article article) {
        if (tag != null && !article.tags().contains(tag)) {
            return false;
        }
        if (sourcePrefix != null && (article.source() == null || !article.source().startsWith(sourcePrefix))) {
            return false;
        }
        if (from != null && article.publishedAt().isBefore(from)) {
            return false;
        }
        if (to != null && !article.publishedAt().isBefore(to)) {
            return false;
        }
        return words == null || matchesWords(article);
    }

    /** Indexes the one article in memory as the view indexes it, and asks the same query. */
    private boolean matchesWords(Article article) {
        MemoryIndex index = new MemoryIndex();
        index.addField(ArticleDocuments.TITLE, article.title(), ANALYZER);
        for (String part : ArticleDocuments.searchableText(article)) {
            index.addField(ArticleDocuments.TEXT, part, ANALYZER);
        }
        return index.search(words) > 0f;
    }

    /** A stable description, part of the ETag of a filtered page. */
    @Override
    public String toString() {
        return "q=" + query + "|tag=" + tag + "|source=" + sourcePrefix + "|from=" + from + "|to=" + to;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeedFilter filter && toString().equals(filter.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(query, tag, sourcePrefix, from, to);
    }

    private static String bounded(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ProblemException(400, "Invalid request", name + " may be at most " + max + " characters long");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
