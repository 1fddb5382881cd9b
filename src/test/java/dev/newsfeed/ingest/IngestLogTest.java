package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 10: at volume, one summary line per interval instead of an INFO line per article. */
class IngestLogTest {

    private final IngestLog log = new IngestLog();

    @Test
    void summaryCountsWhatWasPublishedByOriginAndStartsAfresh() {
        for (int i = 0; i < 3; i++) {
            log.published("file:world/a" + i + ".txt");
        }
        log.published("http:cms-1");
        log.unchanged();
        assertThat(log.refused()).as("logged one by one").isTrue();

        assertThat(log.summary()).isEqualTo("Published 4 articles in the last 10 s (files 3, HTTP 1), 1 unchanged,"
                + " 1 refused");
        assertThat(log.summary()).as("nothing since").isNull();
    }

    @Test
    void refusalsPastTheBoundAreCountedNotLogged() {
        for (int i = 0; i < IngestLog.REFUSALS_PER_INTERVAL; i++) {
            assertThat(log.refused()).isTrue();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(log.refused()).isFalse();
        }

        assertThat(log.summary()).endsWith(", " + (IngestLog.REFUSALS_PER_INTERVAL + 5) + " refused"
                + " (5 not logged one by one: see GET /ingest/status)");
        assertThat(log.refused()).as("a new interval logs again").isTrue();
    }
}
