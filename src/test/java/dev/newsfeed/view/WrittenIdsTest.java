package dev.newsfeed.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WrittenIdsTest {

    @Test
    void neverSaysNoForAnIdItWasToldOfAndSaysNoForAlmostEveryOther() {
        WrittenIds ids = new WrittenIds();
        IntStream.range(0, 200_000).forEach(i -> ids.add("written-" + i));

        assertThat(IntStream.range(0, 200_000).allMatch(i -> ids.mayHold("written-" + i))).isTrue();
        long falseAlarms = IntStream.range(0, 200_000).filter(i -> ids.mayHold("other-" + i)).count();
        // 200,000 fingerprints of 32 bits: about 200,000 * 200,000 / 2^32 = 9 ids of the others share one.
        assertThat(falseAlarms).isLessThan(100);
    }

    @Test
    void pastItsBoundItSaysYesForEveryId() {
        WrittenIds ids = new WrittenIds();
        // A few hundred of these ids share a fingerprint with another: past the bound by more than that.
        int bound = WrittenIds.MAX_SLOTS / 4 * 3;
        IntStream.range(0, bound + 10_000).forEach(i -> ids.add("written-" + i));

        assertThat(ids.known()).isFalse();
        assertThat(ids.mayHold("never-written")).isTrue();
    }
}
