package dev.newsfeed.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleParseException;
import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.feed.FeedView;
import io.smallrye.mutiny.Uni;

/**
 * Turns a source into a published article version, once: a source whose text the feed already holds under
 * its id is not published again, and an edited one keeps its first publication time.
 */
@ApplicationScoped
public class ArticleIngestor {

    private static final Logger LOG = Logger.getLogger(ArticleIngestor.class);

    private final ArticleParser parser = new ArticleParser();
    private final ArticlePublisher publisher;
    private final FeedView view;
    private final Clock clock;

    ArticleIngestor(ArticlePublisher publisher, FeedView view) {
        this.publisher = publisher;
        this.view = view;
        this.clock = Clock.systemUTC();
    }

    public Uni<IngestOutcome> ingest(SourceDocument document) {
        ArticleText text;
        try {
            text = parser.parse(document.content());
        } catch (ArticleParseException e) {
            LOG.warnf("Refused %s: not an article (%s): %s", document.source(), e.reason(), e.getMessage());
            return Uni.createFrom().item(IngestOutcome.rejected(e.reason() + ": " + e.getMessage()));
        }
        Optional<Article> current = view.find(document.id());
        if (current.isPresent() && current.get().contentHash().equals(text.contentHash())) {
            return Uni.createFrom().item(IngestOutcome.unchanged(current.get()));
        }
        Instant now = clock.instant();
        Article article = current.map(previous -> previous.revisedBy(text, document.source(), now))
                .orElseGet(() -> Article.first(document.id(), document.source(), text, now));
        return publisher.publish(article)
                .invoke(() -> LOG.infof("Published %s as article %s (%s)", document.source(), article.id(),
                        current.isPresent() ? "edited" : "new"))
                .replaceWith(IngestOutcome.published(article));
    }
}
