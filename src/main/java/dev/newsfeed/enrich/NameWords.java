package dev.newsfeed.enrich;

/**
 * The words of {@link NameTagger}'s heuristic that are capitalised for other reasons than being a name: in the
 * lower case of the word, as the text has it.
 */
final class NameWords {

    /** Never part of a name: function words, weekdays and months, directions. */
    static final WordSet NOT_NAMES = new WordSet(
            "a", "an", "the", "this", "that", "these", "those", "in", "on", "at", "as", "by", "for", "from", "of",
            "to", "with", "and", "but", "or", "if", "while", "when", "after", "before", "amid", "despite", "he", "she",
            "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "there", "here", "yet", "so", "still",
            "meanwhile", "however", "according", "several", "some", "many", "most", "all", "both", "each", "new",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
            "western", "eastern", "northern", "southern", "central");
    /** Titles and roles, dropped from the start of a name. */
    static final WordSet TITLES = new WordSet(
            "president", "vice", "prime", "minister", "chancellor", "secretary", "general", "king", "queen", "prince",
            "princess", "pope", "mayor", "governor", "senator", "former", "mr", "mrs", "ms", "dr", "sir", "chief",
            "executive", "officer", "director", "spokesman", "spokeswoman", "spokesperson");
    /** Nationality adjectives, dropped from the start of a name when alone or before a title. */
    static final WordEnding ADJECTIVE_OF_PLACE = new WordEnding("ian", "ean", "ese", "ish");
    /** Verbs and adverbs, not a name when they start a sentence. */
    static final WordEnding VERB_OR_ADVERB = new WordEnding("ing", "ed", "ly");

    private NameWords() {
    }
}
