package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The validator headers a rendered page keeps, written once as HTTP wants them. */
class ConditionalResponsesTest {

    @Test
    void lastModifiedIsAnImfFixdateWithATwoDigitDayInGmt() {
        ConditionalResponses.Validators validators = ConditionalResponses.Validators.of("abc",
                Instant.parse("2026-11-06T08:05:09.999Z"));
        assertThat(validators.lastModifiedHeader()).isEqualTo("Fri, 06 Nov 2026 08:05:09 GMT");
    }

    @Test
    void etagHeaderIsTheTagInQuotes() {
        ConditionalResponses.Validators validators = ConditionalResponses.Validators.of("abc", Instant.EPOCH);
        assertThat(validators.etagHeader()).isEqualTo("\"abc\"");
        assertThat(validators.tag().getValue()).isEqualTo("abc");
    }
}
