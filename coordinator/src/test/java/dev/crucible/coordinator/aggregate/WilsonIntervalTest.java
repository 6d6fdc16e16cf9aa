package dev.crucible.coordinator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    @Test
    void matchesPublishedValues() {
        // Newcombe (1998), table I: 81/263 → 0.2553 to 0.3662
        WilsonInterval ci = WilsonInterval.of95(81, 263);
        assertThat(ci.low()).isCloseTo(0.2553, within(5e-4));
        assertThat(ci.high()).isCloseTo(0.3662, within(5e-4));
        // 15/148 → 0.0624 to 0.1605
        WilsonInterval other = WilsonInterval.of95(15, 148);
        assertThat(other.low()).isCloseTo(0.0624, within(5e-4));
        assertThat(other.high()).isCloseTo(0.1605, within(5e-4));
    }

    @Test
    void staysInsideTheUnitIntervalAtTheExtremes() {
        WilsonInterval none = WilsonInterval.of95(0, 10);
        assertThat(none.low()).isZero();
        assertThat(none.high()).isCloseTo(0.2775, within(5e-4));
        WilsonInterval all = WilsonInterval.of95(10, 10);
        assertThat(all.low()).isCloseTo(0.7225, within(5e-4));
        assertThat(all.high()).isEqualTo(1.0);
    }

    @Test
    void knowsNothingWithoutTrials() {
        assertThat(WilsonInterval.of95(0, 0)).isEqualTo(new WilsonInterval(0, 1));
    }

    @Test
    void refusesImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of95(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
