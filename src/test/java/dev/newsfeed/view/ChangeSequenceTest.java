package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Since tokens: what they encode, which ones are refused as malformed (400) and which as too old (410). */
class ChangeSequenceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final ChangeHorizon WEEK = new ChangeHorizon("topic-1", Map.of("a0", 0L, "r0", 0L),
            Duration.ofDays(7));

    @Test
    void tokenRoundTripsAndZeroIsTheBeginning() {
        ChangeSequence sequence = sequence("topic-1", NOW, Map.of("a0", 12L, "a1", 3L, "r0", 5L));

        assertThat(ChangeSequence.decode(sequence.encode())).isEqualTo(sequence);
        assertThat(ChangeSequence.decode("0").isBeginning()).isTrue();
        assertThat(ChangeSequence.beginning().encode()).isEqualTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = { "garbage", "MXx8", "-1", "bm90IGEgdG9rZW4", "MXx0fDEyfGEwPS0xLA", "MXx0fDEyfHg5PTEs" })
    void tokenNotIssuedByTheFeedIsRefused(String token) {
        InvalidSinceException refused = assertThrows(InvalidSinceException.class, () -> ChangeSequence.decode(token));
        assertThat(refused.problem().status()).isEqualTo(400);
    }

    @Test
    void tokenYoungerThanTheTombstoneRetentionLessAnHourIsAnswered() {
        assertDoesNotThrow(() -> WEEK.check(sequence("topic-1", NOW.minus(Duration.ofDays(6)), Map.of("a0", 4L)), NOW));
        assertDoesNotThrow(() -> WEEK.check(ChangeSequence.beginning(), NOW));
    }

    @Test
    void tokenOlderThanTheTombstoneRetentionLessAnHourMeansResync() {
        Instant sixDays23Hours30MinutesAgo = NOW.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(30));
        ChangeSequence old = sequence("topic-1", sixDays23Hours30MinutesAgo, Map.of("a0", 4L));

        SinceExpiredException expired = assertThrows(SinceExpiredException.class, () -> WEEK.check(old, NOW));

        assertThat(expired.problem().status()).isEqualTo(410);
        assertThat(expired.getMessage()).contains("tombstones are kept for PT168H", "GET /feed");
    }

    @Test
    void shortRetentionKeepsHalfOfItAsMargin() {
        assertThat(new ChangeHorizon(null, Map.of(), Duration.ofMinutes(30)).tokenLifetime())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(WEEK.tokenLifetime()).isEqualTo(Duration.ofDays(7).minusHours(1));
    }

    @Test
    void tokenBeforeDeletedRecordsMeansResync() {
        ChangeHorizon trimmed = WEEK.withLogStarts(Map.of("a0", 10L, "r0", 0L));

        assertThrows(SinceExpiredException.class, () -> trimmed.check(sequence("topic-1", NOW, Map.of("a0", 9L)), NOW));
        assertDoesNotThrow(() -> trimmed.check(sequence("topic-1", NOW, Map.of("a0", 10L)), NOW));
        assertDoesNotThrow(() -> trimmed.check(ChangeSequence.beginning(), NOW), "the beginning is a full resync");
    }

    @Test
    void tokenOfARecreatedTopicMeansResync() {
        SinceExpiredException expired = assertThrows(SinceExpiredException.class,
                () -> WEEK.check(sequence("topic-0", NOW, Map.of("a0", 4L)), NOW));

        assertThat(expired.getMessage()).contains("deleted and created again");
    }

    private static ChangeSequence sequence(String topic, Instant issued, Map<String, Long> next) {
        return new ChangeSequence(topic, issued, new TreeMap<>(next));
    }

    @Test
    void refusedTokensAndCursorsAreQuotedBackCutToSixtyFourCharacters() {
        // Issue 22, finding 9: a 15 KB Last-Event-ID or cursor was echoed whole in the problem's detail.
        String huge = "x".repeat(15_000);

        String since = assertThrows(InvalidSinceException.class, () -> ChangeSequence.decode(huge)).problem().detail();
        String cursor = assertThrows(InvalidCursorException.class, () -> FeedCursor.after(huge, FeedOrder.NEWEST))
                .problem().detail();

        for (String detail : new String[] { since, cursor }) {
            assertThat(detail).contains("'" + "x".repeat(64) + "…'").doesNotContain("x".repeat(65)).hasSizeLessThan(400);
        }
    }
}
