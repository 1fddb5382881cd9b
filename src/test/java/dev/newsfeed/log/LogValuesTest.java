package dev.newsfeed.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 9, finding 7: a value written to the log can neither forge a line nor make one of 300 KB. */
class LogValuesTest {

    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertThat(LogValues.safe("cms-1\n2026-11-26 INFO [dev.newsfeed] forged\r\tx\u001B[31m\u2028\u202E"))
                .isEqualTo("cms-1\\n2026-11-26 INFO [dev.newsfeed] forged\\r\\tx\\u001B[31m\\u2028\\u202E");
    }

    @Test
    void backslashIsEscapedSoThatAnEscapeCannotBeForgedEither() {
        assertThat(LogValues.safe("a\\nb")).isEqualTo("a\\\\nb");
    }

    @Test
    void longValueIsCutWithTheNumberLeftOut() {
        String safe = LogValues.safe("x".repeat(300_000));

        assertThat(safe).startsWith("x".repeat(LogValues.MAX_LENGTH))
                .endsWith("…(" + (300_000 - LogValues.MAX_LENGTH) + " more characters)")
                .hasSizeLessThan(LogValues.MAX_LENGTH + 40);
    }

    @Test
    void ordinaryValuesPassUnchanged() {
        assertThat(LogValues.safe("file:world/Kyiv – tram.txt")).isEqualTo("file:world/Kyiv – tram.txt");
        assertThat(LogValues.safe(null)).isEqualTo("null");
    }
}
