package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one place that keeps clients away from a view still reading the topic after start-up. */
class CaughtUpFilterTest {

    @Test
    void viewStillCatchingUpIsA503WithRetryAfter() {
        FeedNotReadyException refused = assertThrows(FeedNotReadyException.class,
                () -> new CaughtUpFilter(() -> false).filter(null));

        assertThat(refused.problem().status()).isEqualTo(503);
        assertThat(refused.retryAfterSeconds()).isPositive();
    }

    @Test
    void viewThatCaughtUpLetsTheRequestThrough() {
        assertDoesNotThrow(() -> new CaughtUpFilter(() -> true).filter(null));
    }
}
