package dev.newsfeed.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;

/**
 * Issue 10 rewrote {@link NameTagger} for speed (one pass over the chars instead of regular expressions) and promised
 * the same tags for every text. {@link LegacyNameTagger}, the tagger as it was, is the oracle: the seed articles,
 * the fixtures, hand-written edge cases and random texts from a vocabulary of names, function words, titles,
 * months, adjectives, possessives, punctuation and white space of every kind are given to both.
 *
 * <p>The random texts come from a fixed seed, printed with any difference; {@code -Dnewsfeed.tagger.seed=N} tries
 * another.
 */
class NameTaggerEquivalenceTest {

    private static final long SEED = Long.getLong("newsfeed.tagger.seed", 10);
    /** Short texts have fewer than ten names, so their tags show every name the tagger counted, in its order. */
    private static final int SHORT_TEXTS = 6_000;
    /** Long texts have more, so the ranking and its cut at ten count. */
    private static final int LONG_TEXTS = 400;

    private static final List<String> NAMES = List.of("Zelensky", "Putin", "Vladimir", "Volodymyr", "Donald",
            "Trump", "Kyiv", "Istanbul", "Ukraine", "Russia", "Ann", "Lee", "Bruch", "Siemens", "Energy", "NASA", "EU",
            "O’Brien", "O'Neill", "Jean-Luc", "Müller", "Zoë", "Zoe\u0308", "Ελλάδα", "Σωκράτης", "ΣΟΦΟΣ", "Москва",
            "İstanbul", "\u212Aing", "\u212Aingdom", "\u01C4emal", "\u01C5emal", "\uD835\uDC00lpha", "東京", "Straße",
            "ÉCOLE", "Łódź", "Ørsted", "McDonald", "Real", "Madrid", "Bayern", "Munich", "Christian", "Deutsche",
            "Bank", "Harry", "Kane", "Webb", "James", "Space", "Telescope");
    private static final List<String> FUNCTION_WORDS = List.of("The", "the", "In", "in", "A", "a", "And", "and",
            "However", "Meanwhile", "According", "to", "of", "It", "THE", "New", "Several", "I", "While", "There",
            "Each", "Her");
    private static final List<String> TITLES = List.of("President", "Prime", "Minister", "Mr", "Mrs", "Dr", "Chief",
            "Executive", "Former", "former", "Secretary", "General", "Vice", "Mayor", "Pope", "Sir", "Spokeswoman",
            "PRESIDENT", "King", "Queen");
    private static final List<String> DATES_AND_DIRECTIONS = List.of("Monday", "Thursday", "March", "May",
            "December", "Sunday", "Western", "Northern", "MAY", "march");
    private static final List<String> ADJECTIVES = List.of("Ukrainian", "Russian", "European", "Chinese", "British",
            "Christian", "Polish", "Danish", "Asian", "Irish", "Korean", "Japanese", "Swedish", "Ian", "Indian",
            "UKRAINIAN", "Ukrainian’s");
    private static final List<String> VERBS_AND_ADVERBS = List.of("Following", "Reportedly", "Emphasized",
            "Engineered", "Red", "Fly", "Only", "Lonely", "Bed", "Sing", "Thing", "Accordingly", "Engineers",
            "Residents", "Shares", "Analysts", "Speaking", "Sled", "Ling", "EMPHASIZED", "Ἀing");
    private static final List<String> LOWER_CASE = List.of("said", "met", "talks", "war", "ceasefire", "leaders",
            "was", "proposal", "city", "urged", "agreed", "is", "s", "é", "über");
    private static final List<String> POSSESSIVES = List.of("Putin's", "Trump’s", "Ann's", "James's", "ANN'S",
            "Boss'", "Kyiv’s", "Ann's's", "s's", "Zoë's", "Lee’S", "Webb's");
    private static final List<String> PUNCTUATION = List.of(".", ".", ".", "!", "?", ",", ",", ";", ":", "—", "–",
            "-", "'", "’", "\"", "“", "”", "(", ")", "...", "?!", "1", "30-day", "U.S.", "Mr.", "St.", "e.g.", "'s",
            "’s", "\u0301", "\u20DD", "\uD800", "\uDC00", "\uD83D\uDE00", "#", "2026", "-'");
    private static final List<List<String>> VOCABULARY = List.of(NAMES, NAMES, NAMES, NAMES, FUNCTION_WORDS,
            FUNCTION_WORDS, TITLES, DATES_AND_DIRECTIONS, ADJECTIVES, VERBS_AND_ADVERBS, LOWER_CASE, LOWER_CASE,
            POSSESSIVES, PUNCTUATION, PUNCTUATION, PUNCTUATION);
    /** Between words: mostly a space; then every kind of white space and a few that are not. */
    private static final List<String> SEPARATORS = List.of(" ", " ", " ", " ", " ", " ", "", "  ", "\n", "\t",
            "\u000B", "\f", "\r\n", "\u00A0", "\u2003", "\u3000", "\u001C", "\u2028", "\u0085", " \n ", "\u200B");

    private final NameTagger tagger = new NameTagger();
    private final LegacyNameTagger legacy = new LegacyNameTagger();

    @Test
    void seedArticlesGetTheLegacyTags() throws Exception {
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            List<Path> files = seeds.filter(file -> file.toString().endsWith(".txt")).sorted().toList();
            assertThat(files).isNotEmpty();
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                assertSameTags(file.toString(), enricherText(bytes));
                assertSameTags(file + " as a whole", new String(bytes, StandardCharsets.UTF_8));
                assertSameSlug(file + " title", new ArticleParser().parse(bytes).title());
            }
        }
    }

    @Test
    void fixtureArticlesGetTheLegacyTags() throws Exception {
        for (String folder : List.of("src/test/resources/enrichment", "src/test/resources/articles")) {
            try (Stream<Path> fixtures = Files.list(Path.of(folder))) {
                for (Path file : fixtures.sorted().toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    assertSameTags(file.toString(), text);
                    for (String line : text.split("\n")) {
                        assertSameSlug(file + " line", line);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCaseGetsTheLegacyTags(String description, String text) {
        assertSameTags(description, text);
        assertSameSlug(description, text);
    }

    @Test
    void randomShortTextsGetTheLegacyTags() {
        Random random = new Random(SEED);
        int withTags = 0;
        for (int i = 0; i < SHORT_TEXTS; i++) {
            String text = randomText(random, 1 + random.nextInt(40));

            Object expected = answer(() -> legacy.tags(text));
            assertThat(answer(() -> tagger.tags(text))).as("seed %d, short text %d: %s", SEED, i, escaped(text))
                    .isEqualTo(expected);
            withTags += expected.equals(List.of()) ? 0 : 1;
        }
        assertThat(withTags).as("texts with tags, seed %d", SEED).isGreaterThan(SHORT_TEXTS / 2);
    }

    @Test
    void randomLongTextsGetTheLegacyTags() {
        Random random = new Random(SEED + 1);
        int atTheLimit = 0;
        for (int i = 0; i < LONG_TEXTS; i++) {
            String text = randomText(random, 100 + random.nextInt(2_000));

            Object expected = answer(() -> legacy.tags(text));
            assertThat(answer(() -> tagger.tags(text))).as("seed %d, long text %d: %s", SEED + 1, i, escaped(text))
                    .isEqualTo(expected);
            atTheLimit += expected instanceof List<?> tags && tags.size() == 10 ? 1 : 0;
        }
        assertThat(atTheLimit).as("texts with ten tags, seed %d", SEED + 1).isGreaterThan(LONG_TEXTS / 2);
    }

    @Test
    void randomTextsGetTheLegacySlugs() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < SHORT_TEXTS; i++) {
            String text = randomText(random, 1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 12));

            assertThat(answer(() -> NameTagger.Slugs.of(text))).as("seed %d, slug %d: %s", SEED + 2, i, escaped(text))
                    .isEqualTo(answer(() -> LegacyNameTagger.Slugs.of(text)));
        }
    }

    static Stream<Arguments> edgeCases() throws Exception {
        String seed = enricherText(Files.readAllBytes(Path.of("seeds/000_22b61c6839899886.txt")));
        List<Arguments> cases = new ArrayList<>(List.of(
                Arguments.of("empty", ""),
                Arguments.of("spaces", "   "),
                Arguments.of("white space of every kind", " \t\n\u000B\f\r\u001C\u001F\u2003\u3000\u00A0\u2028"),
                Arguments.of("punctuation only", ". ! ? ... —"),
                Arguments.of("one capitalised word", "Kyiv"),
                Arguments.of("one word after white space", " \n\u2003Kyiv"),
                Arguments.of("one word after a no-break space", "\u00A0Kyiv is calm."),
                Arguments.of("a word at the start only", "Engineers expect delays. Engineers said so."),
                Arguments.of("a word at the start and inside", "Kyiv is calm. The mayor of Kyiv said so."),
                Arguments.of("the first name not the first word", "Paris-ing Paris went. Paris-ed Paris."),
                Arguments.of("possessive", "The plan is Putin's. Putin's plan. Vladimir Putin spoke."),
                Arguments.of("curly possessive", "Trump’s call came after Donald Trump’s post. Officials met Trump."),
                Arguments.of("possessive with a capital S", "ANN'S BOOK. Reading ANN'S book. Lee’S."),
                Arguments.of("possessive ends a run", "Putin's Russia and Zelensky’s Ukraine met Ann's's Lee."),
                Arguments.of("possessive alone", "'s Kyiv ’s. s's Odesa 's"),
                Arguments.of("apostrophes inside words", "O’Brien met O'Neill and D’Artagnan in Côte d’Ivoire."),
                Arguments.of("hyphens", "Jean-Luc Picard met Anne-Marie in Baden-Württemberg; a 30-day truce - "
                        + "Kyiv-based -Odesa Lviv- -"),
                Arguments.of("accents", "Zoë met José Müller in Zürich and Łódź; Ørsted and ÉCOLE."),
                Arguments.of("combining marks", "Zoe\u0308 met Jose\u0301 in Zu\u0308rich. \u0301Kyiv and Kyiv\u20DD "
                        + "Odesa. A\u0301\u0301 B\u0301."),
                Arguments.of("sentence ends", "Kyiv! Odesa? Lviv. Kharkiv...Dnipro.Poltava!? Sumy?! Uzhhorod!"),
                Arguments.of("sentence ends before odd white space", "Kyiv.\u00A0Odesa. \u2003Lviv.\u000BSumy."
                        + "\u001CRivne.\r\nPoltava.\tChernihiv.\fIzmail.\u2028Kherson"),
                Arguments.of("abbreviations", "Mr. Smith met Dr. Jones in the U.S. on Jan. 5. St. Petersburg and "
                        + "Washington D.C. were named. E.g. Kyiv."),
                Arguments.of("all capitals", "BREAKING NEWS: PRESIDENT ZELENSKY MET PUTIN IN ISTANBUL. THE TALKS "
                        + "FAILED. REPORTEDLY KYIV."),
                Arguments.of("titles before names", "President Volodymyr Zelensky met Prime Minister Keir Starmer, "
                        + "Chief Executive Christian Bruch and former President Donald Trump. Mr Smith, Sir Keir."),
                Arguments.of("titles alone", "The President said. President spoke. The Minister. Vice President."),
                Arguments.of("nationality adjectives", "Ukrainian President Volodymyr Zelensky, Russian President "
                        + "Vladimir Putin, Christian Bruch, the British, Chinese Premier Li, Danish Prime Minister "
                        + "Mette Frederiksen, Polish officials, Irish Asian Korean."),
                Arguments.of("verbs and adverbs first", "Following Trump, Reportedly Kyiv. Emphasized Putin. Red "
                        + "Square. Lonely Planet. Speaking in Kyiv. Sing Sing. Thing One."),
                Arguments.of("function words", "However Kyiv and Odesa. Meanwhile The Hague. According To Reuters."),
                Arguments.of("weekdays and months", "On Monday in March Kyiv voted. May Kyiv? Thursday Istanbul."),
                Arguments.of("one word counted as a longer name", "Putin spoke. Then Vladimir Putin. Putin again and "
                        + "Putin. Lee met Ann Lee and Bruce Lee. Bruce Lee."),
                Arguments.of("ties in order of first mention", "Ann met Bob. Carl met Dora. Bob met Ann. Dora met "
                        + "Carl."),
                Arguments.of("slugs that fold alike", "Zoë met Zoe. Zoe’s and Zoë’s. Then Zoe and Zoë."),
                Arguments.of("non-Latin letters", "Москва и Киев. В Москве Путин. 東京 and 北京. Αθήνα και Σωκράτης. "
                        + "ΣΟΦΟΣ ΑΝΘΡΩΠΟΣ. Also ΣΟΦΟΣ."),
                Arguments.of("letters that fold specially", "İstanbul İSTANBUL. Then \u212Aing Charles and "
                        + "\u212Aingdom. \u01C5emal \u01C4emal. The \u212AING. Ἀing. Σing."),
                Arguments.of("letters outside the BMP", "\uD83D\uDE00 Kyiv \uD83D\uDE00 Odesa. \uD835\uDC9Cnn "
                        + "\uD835\uDC01ob Lee."),
                Arguments.of("lone surrogates", "Kyiv\uD800Odesa \uDC00Lviv. \uD800 Sumy\uDC00"),
                Arguments.of("digits", "Route66 Kyiv2 A1 Motorway 3M Company. 2026 Kyiv."),
                Arguments.of("quotes and brackets", "\"Kyiv\" said “Odesa” (Lviv) [Sumy]. “Kyiv is calm.”"),
                Arguments.of("line breaks inside a sentence", "Kyiv\nOdesa\r\nLviv\n\nSumy.\nKharkiv"),
                Arguments.of("more than ten names", "Ann Alpha, Bob Beta, Carl Gamma, Dora Delta, Eve Epsilon, "
                        + "Fred Zeta, Gina Eta, Hal Theta, Ida Iota, Jon Kappa, Kim Lambda, Len Mu met Zed."),
                Arguments.of("a name longer than a slug", "Officials met "
                        + "Aaaaaaaaaa Bbbbbbbbbbb Cccccccccc Dddddddddd Eeeeeeeeee Ffffffffff Gggggggggg Hhhhhhhhhh "
                        + "Iiiiiiiiii today and Zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
                        + "zzzzzzzzzzzzzzzzzzzzzzz Yy."),
                Arguments.of("the seed repeated to 100 KB", seed.repeat(100 * 1024 / seed.length() + 1)),
                Arguments.of("a run of 20,000 words", "Ann ".repeat(20_000)),
                Arguments.of("a word of 100,000 letters", "Then K" + "a".repeat(100_000) + " spoke."),
                Arguments.of("20,000 sentences", "Kyiv. Odesa! ".repeat(10_000)),
                Arguments.of("5,000 distinct names", distinctNames(5_000))));
        return cases.stream();
    }

    private void assertSameTags(String description, String text) {
        assertThat(tagger.tags(text)).as("%s: %s", description, escaped(text)).isEqualTo(legacy.tags(text));
    }

    private static void assertSameSlug(String description, String text) {
        assertThat(NameTagger.Slugs.of(text)).as("slug of %s: %s", description, escaped(text))
                .isEqualTo(LegacyNameTagger.Slugs.of(text));
    }

    /** What a tagger answers: its result, or the exception it threw, so that a failing random text names its seed. */
    private static Object answer(Supplier<Object> tagger) {
        try {
            return tagger.get();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** The text the enricher tags: subtitle, summary and body paragraphs, one a line. */
    private static String enricherText(byte[] article) throws Exception {
        ArticleText text = new ArticleParser().parse(article);
        List<String> sentenceCase = new ArrayList<>();
        Stream.of(text.subtitle(), text.summary()).filter(line -> line != null).forEach(sentenceCase::add);
        sentenceCase.addAll(text.body());
        return String.join("\n", sentenceCase);
    }

    private static String randomText(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            List<String> kind = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
            if (i > 0) {
                boolean glued = kind == PUNCTUATION ? random.nextInt(3) != 0 : random.nextInt(30) == 0;
                text.append(glued ? "" : SEPARATORS.get(random.nextInt(SEPARATORS.size())));
            }
            text.append(kind.get(random.nextInt(kind.size())));
        }
        return text.toString();
    }

    /** "Aa Ab Ac …": one-word names, each mentioned twice, the second time inside a sentence. */
    private static String distinctNames(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = "" + (char) ('A' + i / 26 / 26 % 26) + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26);
            text.append(name).append(" met ").append(name).append(i % 7 == 0 ? ". " : ", ");
        }
        return text.toString();
    }

    /** The text with what does not print escaped, for a message that shows every char. */
    private static String escaped(String text) {
        String shown = text.length() > 2_000 ? text.substring(0, 2_000) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return out.toString();
    }
}
