package dev.newsfeed.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text with case and accents folded away, so that "Café" and "cafe" compare equal: for search and slugs. */
public final class TextFolding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    public static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
