package dev.newsfeed.enrich;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>This is the tagger as it was before issue 10 rewrote it for speed (regular expressions for sentences, words and
 * word endings; a string per word), kept unchanged but for its name as the oracle of
 * {@link NameTaggerEquivalenceTest}: {@link NameTagger} must find exactly the tags this one finds, for every text.
 * Not used by the service; {@code bench/jmh} compiles it too, as the peer of its {@code EnrichBenchmark}.
 */
public final class LegacyNameTagger {

    private static final int MAX_TAGS = 10;
    private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{M}'’-]*");
    private static final Set<String> NOT_NAMES = Set.of(
            "a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "as", "by", "for", "from", "of",
            "to", "with", "and", "but", "or", "if", "while", "when", "after", "before", "amid", "despite", "he", "she",
            "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "there", "here", "yet", "so", "still",
            "meanwhile", "however", "according", "several", "some", "many", "most", "all", "both", "each", "new",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
            "western", "eastern", "northern", "southern", "central");
    private static final Set<String> TITLES = Set.of(
            "president", "vice", "prime", "minister", "chancellor", "secretary", "general", "king", "queen", "prince",
            "princess", "pope", "mayor", "governor", "senator", "former", "mr", "mrs", "ms", "dr", "sir", "chief",
            "executive", "officer", "director", "spokesman", "spokeswoman", "spokesperson");
    private static final Pattern ADJECTIVE_OF_PLACE = Pattern.compile(".{3,}(ian|ean|ese|ish)");
    private static final Pattern VERB_OR_ADVERB = Pattern.compile(".{3,}(ing|ed|ly)");

    /** The tags of a text, as slugs, most mentioned first. */
    public List<String> tags(String sentenceCaseText) {
        Map<String, Integer> mentions = new LinkedHashMap<>();
        Set<String> seenInside = new HashSet<>();
        for (String sentence : SENTENCE.split(sentenceCaseText)) {
            List<String> names = names(sentence);
            for (int i = 0; i < names.size(); i++) {
                mentions.merge(names.get(i), 1, Integer::sum);
                if (i > 0 || !sentence.strip().startsWith(names.get(i))) {
                    seenInside.add(names.get(i));
                }
            }
        }
        mentions.keySet().removeIf(name -> !name.contains(" ") && !seenInside.contains(name));
        Map<String, Integer> merged = new LinkedHashMap<>();
        mentions.forEach((name, count) -> merged.merge(longerNameEndingWith(name, mentions), count, Integer::sum));
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(merged.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return ranked.stream().limit(MAX_TAGS).map(entry -> Slugs.of(entry.getKey())).distinct().toList();
    }

    private static List<String> names(String sentence) {
        List<String> names = new ArrayList<>();
        List<String> run = new ArrayList<>();
        Matcher words = WORD.matcher(sentence);
        boolean first = true;
        int end = 0;
        while (words.find()) {
            String word = words.group().replaceAll("['’]s$", "");
            boolean adjacent = sentence.substring(end, words.start()).isBlank();
            end = words.end();
            if (!adjacent) {
                flush(run, names);
            }
            if (Character.isUpperCase(word.charAt(0)) && !ignored(word, first)) {
                run.add(word);
            } else {
                flush(run, names);
            }
            first = false;
            if (!words.group().equals(word)) {
                flush(run, names);
            }
        }
        flush(run, names);
        return names;
    }

    private static boolean ignored(String word, boolean firstOfSentence) {
        String lower = word.toLowerCase(Locale.ROOT);
        return NOT_NAMES.contains(lower) || (firstOfSentence && VERB_OR_ADVERB.matcher(lower).matches());
    }

    /**
     * Ends a run of capitalised words: titles go, and so does a nationality adjective standing alone or before
     * a title ("Ukrainian President …"), but not a first name that looks like one ("Christian Bruch").
     */
    private static void flush(List<String> run, List<String> names) {
        boolean trimmed = true;
        while (!run.isEmpty() && trimmed) {
            String first = run.get(0).toLowerCase(Locale.ROOT);
            boolean title = TITLES.contains(first);
            boolean adjective = ADJECTIVE_OF_PLACE.matcher(first).matches()
                    && (run.size() == 1 || TITLES.contains(run.get(1).toLowerCase(Locale.ROOT)));
            trimmed = title || adjective;
            if (trimmed) {
                run.remove(0);
            }
        }
        if (!run.isEmpty()) {
            names.add(String.join(" ", run));
            run.clear();
        }
    }

    private static String longerNameEndingWith(String name, Map<String, Integer> mentions) {
        if (name.contains(" ")) {
            return name;
        }
        return mentions.keySet().stream().filter(other -> other.endsWith(" " + name)).findFirst().orElse(name);
    }

    /** URL- and tag-safe forms of names and titles. */
    public static final class Slugs {

        private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

        private Slugs() {
        }

        public static String of(String text) {
            String folded = TextFolding.fold(text).replaceAll("['’]", "");
            String slug = NOT_ALNUM.matcher(folded).replaceAll("-").replaceAll("^-+|-+$", "");
            if (slug.length() <= 80) {
                return slug;
            }
            // Cut at a word boundary: a slug ends with a whole word.
            int cut = slug.lastIndexOf('-', 80);
            return slug.substring(0, cut > 0 ? cut : 80);
        }
    }
}
