package dev.newsfeed.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Issue 21, item 4: Standard Webhooks' schedule, with jitter and Retry-After. */
class RetryScheduleTest {

    private static final List<Duration> SPEC = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));

    private final RetrySchedule schedule = new RetrySchedule(SPEC);

    @RepeatedTest(20)
    void eachPauseIsTheSchedulesWithinATenthEitherWay() {
        assertThat(schedule.pauseBefore(0, null)).contains(Duration.ZERO);
        for (int attempt = 1; attempt < SPEC.size(); attempt++) {
            long expected = SPEC.get(attempt).toMillis();
            assertThat(schedule.pauseBefore(attempt, null).orElseThrow().toMillis())
                    .isBetween(Math.round(expected * 0.9), Math.round(expected * 1.1));
        }
    }

    @Test
    void thereIsNoAttemptAfterTheLast() {
        assertThat(schedule.attempts()).isEqualTo(10);
        assertThat(schedule.pauseBefore(10, null)).isEmpty();
    }

    @Test
    void aLongerRetryAfterWinsUpToADay() {
        assertThat(schedule.pauseBefore(1, Duration.ofMinutes(1))).contains(Duration.ofMinutes(1));
        assertThat(schedule.pauseBefore(1, Duration.ofDays(3))).contains(Duration.ofDays(1));
        assertThat(schedule.pauseBefore(2, Duration.ofSeconds(1)).orElseThrow())
                .isGreaterThan(Duration.ofMinutes(4));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(RetrySchedule.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusSeconds(60));
        assertThat(RetrySchedule.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(RetrySchedule.retryAfter("soon")).isNull();
        assertThat(RetrySchedule.retryAfter("-5")).isNull();
    }
}
