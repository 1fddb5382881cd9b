package dev.newsfeed.enrich;

import java.util.List;

import dev.newsfeed.article.TextFolding;

/**
 * Finds the names an article mentions (people, places, organisations) with a heuristic that needs no model:
 *
 * <ol>
 * <li>Read the sentence-case text only (subtitle, summary, body): titles capitalise every word.</li>
 * <li>Take runs of capitalised words within a sentence; drop a possessive {@code 's}.</li>
 * <li>Drop from a run the words that are capitalised for other reasons: function words, weekdays and
 * months, titles and roles ({@code President}, {@code Minister}), nationality adjectives ({@code -ian},
 * {@code -ean}, {@code -ese}, {@code -ish}) alone or before a title ({@code Ukrainian President Volodymyr
 * Zelensky} gives {@code Volodymyr Zelensky}, {@code Christian Bruch} stays), and a sentence's first word
 * when it looks like a verb or adverb ({@code -ing}, {@code -ed}, {@code -ly}). A one-word name seen only at
 * the start of sentences is a common word ({@code Engineers expect…}) unless it also appears capitalised
 * elsewhere.</li>
 * <li>Count a one-word name that ends a longer one as that name ({@code Putin} → {@code Vladimir Putin}).</li>
 * <li>Rank by mentions, then by first mention; keep the first ten, as slugs ({@code vladimir-putin}).</li>
 * </ol>
 *
 * <p>It runs on the request path of every write, so a text is read in one pass over its chars with no regular
 * expression and no string per word ({@code NameScan}, counted in {@code Mentions}); what it finds is what the
 * regular expressions of its first version found, checked by {@code NameTaggerEquivalenceTest} (issue 10).
 */
public final class NameTagger {

    private static final int MAX_TAGS = 10;

    /** The tags of a text, as slugs, most mentioned first. */
    public List<String> tags(String sentenceCaseText) {
        return NameScan.of(sentenceCaseText).ranked(MAX_TAGS).stream().map(Slugs::of).distinct().toList();
    }

    /** URL- and tag-safe forms of names and titles. */
    public static final class Slugs {

        private static final int MAX_LENGTH = 80;

        private Slugs() {
        }

        /**
         * The text folded to lower-case ASCII letters and digits, without apostrophes, each run of anything else one
         * hyphen, none at either end.
         */
        public static String of(String text) {
            // A name or title in ASCII, most of them, has no accents to fold: its lower case is enough.
            String folded = WordCase.foldsByChar(text, 0, text.length()) ? text : TextFolding.fold(text);
            StringBuilder slug = new StringBuilder(folded.length());
            boolean apart = false;
            for (int i = 0; i < folded.length(); i++) {
                char c = WordCase.lower(folded.charAt(i));
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    if (apart && slug.length() > 0) {
                        slug.append('-');
                    }
                    slug.append(c);
                    apart = false;
                } else if (c != '\'' && c != '\u2019') {
                    apart = true;
                }
            }
            if (slug.length() <= MAX_LENGTH) {
                return slug.toString();
            }
            // Cut at a word boundary: a slug ends with a whole word.
            int cut = slug.lastIndexOf("-", MAX_LENGTH);
            return slug.substring(0, cut > 0 ? cut : MAX_LENGTH);
        }
    }
}
