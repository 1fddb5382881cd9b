package dev.newsfeed.enrich;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.newsfeed.article.Article;

/**
 * The enrichment stage, between parsing and publishing: each version is enriched once, and the result
 * travels with it on the topic, so every view and every subscriber shares it and nothing is recomputed
 * per request.
 */
@ApplicationScoped
public class ArticleEnricher {

    static final int WORDS_PER_MINUTE = 265;

    private final NameTagger tagger = new NameTagger();

    public Article enrich(Article article) {
        int minutes = Math.max(1, (article.wordCount() + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
        return article.enriched(tagger.tags(taggedText(article.subtitle(), article.summary(), article.body())),
                minutes, NameTagger.Slugs.of(article.title()));
    }

    /**
     * The text names are looked for in: the sentence-case parts, one per line (titles capitalise every word). Public
     * for the benchmark of the tagger, which must tag what the service tags.
     */
    public static String taggedText(String subtitle, String summary, List<String> body) {
        List<String> sentenceCase = new ArrayList<>(body.size() + 2);
        if (subtitle != null) {
            sentenceCase.add(subtitle);
        }
        if (summary != null) {
            sentenceCase.add(summary);
        }
        sentenceCase.addAll(body);
        return String.join("\n", sentenceCase);
    }
}
