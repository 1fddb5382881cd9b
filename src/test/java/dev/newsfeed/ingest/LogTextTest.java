package dev.newsfeed.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 9, finding 7, for the names the folder ingest logs: no forged lines, no flooding. */
class LogTextTest {

    @Test
    void controlCharactersAreWrittenAsEscapes() {
        assertThat(LogText.of("file:a.txt\nINFO forged line\r\t\u0000\u001b[31m\u2028x\\"))
                .isEqualTo("file:a.txt\\nINFO forged line\\r\\t\\u0000\\u001B[31m\\u2028x\\\\");
    }

    @Test
    void lettersOfEveryScriptStayAsTheyAre() {
        assertThat(LogText.of("file:київ/трамвай 🚋.txt")).isEqualTo("file:київ/трамвай 🚋.txt");
    }

    @Test
    void longValuesAreCutWithTheirLength() {
        String cut = LogText.of("x".repeat(300_000));

        assertThat(cut).startsWith("x".repeat(LogText.MAX_CHARS)).endsWith("…(300000 chars)");
        assertThat(cut.length()).isLessThan(LogText.MAX_CHARS + 20);
    }
}
