package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;

/** Issue 9, finding 2: the byte budget of a page, without a container. */
class PageBudgetTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    /** Ten articles of about 10 KB of body each, newest first. */
    private final List<Article> feed = IntStream.range(0, 10)
            .mapToObj(i -> Article.first("a" + i, "http:a" + i,
                    new ArticleText("Title " + i, null, null, List.of("x".repeat(10_000))), NOW))
            .toList();

    private final List<Integer> asked = new ArrayList<>();

    private List<Article> page(int limit) {
        asked.add(limit);
        return feed.subList(0, Math.min(limit, feed.size()));
    }

    @Test
    void pageWithinTheBudgetIsAskedForOnceAndKeptWhole() {
        PageBudget.Fitted<List<Article>> fitted = new PageBudget(1_000_000).fit(10, this::page, p -> p, true);

        assertThat(fitted.page()).hasSize(10);
        assertThat(fitted.truncated()).isFalse();
        assertThat(asked).containsExactly(10);
    }

    @Test
    void pageOverTheBudgetIsAskedForAgainWithTheArticlesThatFit() {
        PageBudget.Fitted<List<Article>> fitted = new PageBudget(35_000).fit(10, this::page, p -> p, true);

        assertThat(fitted.page()).extracting(Article::id).containsExactly("a0", "a1", "a2");
        assertThat(fitted.truncated()).isTrue();
        assertThat(asked).containsExactly(10, 3);
    }

    @Test
    void articleLargerThanTheWholeBudgetStillMakesAPageOfOne() {
        PageBudget.Fitted<List<Article>> fitted = new PageBudget(1_000).fit(10, this::page, p -> p, true);

        assertThat(fitted.page()).extracting(Article::id).containsExactly("a0");
        assertThat(fitted.truncated()).isTrue();
    }

    @Test
    void bodiesLeftOutOfTheAnswerAreLeftOutOfTheCount() {
        PageBudget.Fitted<List<Article>> fitted = new PageBudget(35_000).fit(10, this::page, p -> p, false);

        assertThat(fitted.page()).hasSize(10);
        assertThat(fitted.truncated()).isFalse();
    }

    @Test
    void retractionsWithoutAnArticleCountTheirShare() {
        List<Article> changes = new ArrayList<>();
        changes.add(null);
        changes.add(null);

        assertThat(new PageBudget(1_500).fitting(changes, true)).isEqualTo(1);
    }
}
