package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RenderedPagesTest {

    private static final Instant HOUR = Instant.parse("2026-11-26T10:00:00Z");

    private final RenderedPages pages = new RenderedPages();

    @Test
    void pageIsServedForItsSnapshotAndHourOnly() {
        RenderedPages.Page page = page("{}");
        pages.put("JSON|limit=20", 7, HOUR, page);

        assertThat(pages.get("JSON|limit=20", 7, HOUR)).isSameAs(page);
        assertThat(pages.get("JSON|limit=20", 8, HOUR)).as("the view changed").isNull();
        assertThat(pages.get("JSON|limit=20", 7, HOUR.plusSeconds(3_600))).as("the since token's hour").isNull();
        assertThat(pages.get("JSON|limit=10", 7, HOUR)).as("another request").isNull();
    }

    @Test
    void pageOverTheSizeLimitIsNotKeptAndForgetsTheOlderOne() {
        pages.put("JSON|limit=20", 7, HOUR, page("{}"));

        pages.put("JSON|limit=20", 8, HOUR, page("x".repeat(RenderedPages.MAX_ENTRY_BYTES + 1)));

        assertThat(pages.get("JSON|limit=20", 8, HOUR)).isNull();
        assertThat(pages.get("JSON|limit=20", 7, HOUR)).isNull();
    }

    @Test
    void leastRecentlyUsedPagesGoFirstBeyondTheLimit() {
        for (int i = 0; i <= RenderedPages.MAX_ENTRIES; i++) {
            pages.put("request-" + i, 1, HOUR, page("{}"));
            if (i == 0) {
                continue;
            }
            pages.get("request-0", 1, HOUR);
        }

        assertThat(pages.get("request-0", 1, HOUR)).as("used all along").isNotNull();
        assertThat(pages.get("request-1", 1, HOUR)).as("the least recently used").isNull();
    }

    private static RenderedPages.Page page(String body) {
        return new RenderedPages.Page(body.getBytes(StandardCharsets.UTF_8),
                ConditionalResponses.Validators.of("tag", HOUR), false, null);
    }
}
