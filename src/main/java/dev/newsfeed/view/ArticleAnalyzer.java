package dev.newsfeed.view;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The one analysis of article text, for indexing and for queries alike: words as Unicode word boundaries
 * (UAX #29) split them, lower-cased, accents and ligatures folded to ASCII. So {@code war} matches the word
 * "War" but not "software", and {@code cafe} matches "Café". No stop words and no stemming: a search for
 * {@code the} finds "the", and {@code talks} does not find "talk".
 */
final class ArticleAnalyzer extends Analyzer {

    /** Longer runs of letters are no word anyone searches for; StandardTokenizer splits them at this length. */
    private static final int MAX_WORD_LENGTH = 255;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        words.setMaxTokenLength(MAX_WORD_LENGTH);
        return new TokenStreamComponents(words, new ASCIIFoldingFilter(new LowerCaseFilter(words)));
    }

    /** Keeps phrases from matching across the end of one field value (a paragraph) and the start of the next. */
    @Override
    public int getPositionIncrementGap(String fieldName) {
        return 100;
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
}
