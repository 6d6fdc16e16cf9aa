package dev.crucible.common.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrialCeilingTest {

    @Test
    void acceptsACountAtTheCeiling() {
        assertThat(TrialCeiling.check(20, 5, 10_000, 1_000_000)).isEmpty();
    }

    @Test
    void refusesACountOneAboveTheCeiling() {
        assertThat(TrialCeiling.check(20, 5, 10_000, 999_999)).contains("sweep has 1000000 trials (20 conditions × "
                + "5 models × 10000 samples), above the ceiling of 999999 set by limits.max_trials");
    }

    @Test
    void treatsACountPastLongAsAboveEveryCeiling() {
        // The largest grid (2808 conditions) at the largest sample count passes 2^63 at about 1.53 million models.
        assertThat(TrialCeiling.check(2808, 2_000_000, Integer.MAX_VALUE, Long.MAX_VALUE))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("sweep has 12060268161552000000 trials (2808 conditions × 2000000 models × "
                                + "2147483647 samples)")
                        .endsWith("above the ceiling of 9223372036854775807 set by limits.max_trials"));
    }
}
