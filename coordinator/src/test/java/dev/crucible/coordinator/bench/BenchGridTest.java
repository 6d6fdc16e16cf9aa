package dev.crucible.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crucible.common.spec.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchGridTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 97, 1000, 99_991, 100_000, 123_456, 1_000_000})
    void specHasExactlyTheRequestedTrials(long trials) {
        BenchGrid.Shape shape = BenchGrid.shapeFor(trials);

        SweepSpec spec = BenchGrid.spec("bench", shape);

        assertThat(shape.trials()).isEqualTo(trials);
        assertThat(spec.trialCount()).isEqualTo(trials);
        assertThat(spec.models()).allSatisfy(model -> {
            assertThat(model.simulated()).isTrue();
            assertThat(((Number) model.parameters().get("latency_ms")).doubleValue()).isZero();
        });
    }

    @Test
    void hundredThousandTrialsSpreadOverEightyCells() {
        BenchGrid.Shape shape = BenchGrid.shapeFor(100_000);

        assertThat((long) shape.conditions() * shape.models()).isEqualTo(80);
        assertThat(shape.samples()).isEqualTo(1250);
    }

    @Test
    void refusesCountsOutsideTheSweepRange() {
        assertThatThrownBy(() -> BenchGrid.shapeFor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchGrid.shapeFor(1L + Integer.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }
}
