package dev.newsfeed.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.newsfeed.problem.ProblemException;

/** What a feed query accepts, and the 400 that names each parameter it refuses. */
class FeedQueryTest {

    @ParameterizedTest(name = "limit={0} is page size {1}")
    @CsvSource({ "1,1", "20,20", "100,100", "007,7", "0000000000000100,100" })
    void limitFromOneToAHundredIsThePageSize(String limit, int size) {
        FeedQuery query = query(limit, "full", "newest");
        query.validate();
        assertThat(query.limit()).isEqualTo(size);
    }

    @ParameterizedTest(name = "limit={0} is refused")
    @CsvSource(delimiter = '|', value = {
            "0|limit must be greater than or equal to 1 (was 0)",
            "101|limit must be less than or equal to 100 (was 101)",
            "99999999999999999999|limit must be less than or equal to 100 (was 99999999999999999999)",
            "-1|limit must be a whole number (was -1)",
            "ten|limit must be a whole number (was ten)",
            "' 5'|limit must be a whole number (was  5)",
            "''|limit must be a whole number (was )" })
    void limitOutsideOneToAHundredIsA400NamingIt(String limit, String detail) {
        assertThatThrownBy(() -> query(limit, "full", "newest").validate())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().detail()).isEqualTo(detail);
                });
    }

    @ParameterizedTest(name = "fields={0} is refused")
    @ValueSource(strings = { "FULL", "body", "" })
    void fieldsOtherThanFullOrSummaryIsRefused(String fields) {
        assertThatThrownBy(() -> query("20", fields, "newest").validate())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("fields must be full or summary (was " + fields + ")"));
    }

    @Test
    void everyWrongParameterIsNamedInOneAnswerInAlphabeticalOrder() {
        assertThatThrownBy(() -> query("abc", "none", "oldest").validate())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).isEqualTo(
                        "fields must be full or summary (was none); limit must be a whole number (was abc);"
                                + " sort must be newest or relevance (was oldest)"));
    }

    @Test
    void aLongRefusedValueIsQuotedBackShortened() {
        String limit = "9".repeat(4000);
        assertThatThrownBy(() -> query(limit, "full", "newest").validate())
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail())
                        .isEqualTo("limit must be less than or equal to 100 (was " + "9".repeat(64) + "…)"));
    }

    private static FeedQuery query(String limit, String fields, String sort) {
        FeedQuery query = new FeedQuery();
        query.limit = limit;
        query.fields = fields;
        query.sort = sort;
        return query;
    }
}
