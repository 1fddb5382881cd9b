package dev.newsfeed.ingest.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The README's "retried with a growing pause (1 s to 60 s)". */
class RetryBackoffTest {

    @Test
    void pauseStartsAtOneSecondDoublesAndStaysAtOneMinute() {
        List<Long> pauses = new ArrayList<>();
        Duration pause = null;
        for (int i = 0; i < 9; i++) {
            pause = RetryBackoff.next(pause);
            pauses.add(pause.toSeconds());
        }

        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }
}
