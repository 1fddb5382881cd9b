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
        List<String> sentenceCase = new ArrayList<>();
        if (article.subtitle() != null) {
            sentenceCase.add(article.subtitle());
        }
        if (article.summary() != null) {
            sentenceCase.add(article.summary());
        }
        sentenceCase.addAll(article.body());
        int minutes = Math.max(1, (article.wordCount() + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
        return article.enriched(tagger.tags(String.join("\n", sentenceCase)), minutes,
                NameTagger.Slugs.of(article.title()));
    }
}
