package dev.crucible.common.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crucible.common.wire.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one table of allowed lifecycle transitions, a row per pair. */
class SweepStateTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "RUNNING, RUNNING, true", "RUNNING, PAUSED, true", "RUNNING, CANCELLED, true", "RUNNING, COMPLETED, true",
            "PAUSED, RUNNING, true", "PAUSED, PAUSED, true", "PAUSED, CANCELLED, true", "PAUSED, COMPLETED, false",
            "COMPLETED, RUNNING, true", "COMPLETED, COMPLETED, true", "COMPLETED, PAUSED, false", "COMPLETED, CANCELLED, false",
            "CANCELLED, CANCELLED, true", "CANCELLED, RUNNING, false", "CANCELLED, PAUSED, false", "CANCELLED, COMPLETED, false"})
    void allowsExactlyTheTransitionsOfTheTable(SweepState from, SweepState to, boolean allowed) {
        assertThat(from.canBecome(to)).isEqualTo(allowed);
    }

    @Test
    void aRefusedTransitionNamesBothStates() {
        assertThatThrownBy(() -> SweepState.CANCELLED.to(SweepState.RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessage("a cancelled sweep cannot become running");
    }

    @Test
    void readsTheDoneOfManifestsWrittenBeforeTheLifecycle() {
        assertThat(Json.read("\"done\"".getBytes(StandardCharsets.UTF_8), SweepState.class)).isEqualTo(SweepState.COMPLETED);
        assertThat(Json.writeString(SweepState.COMPLETED)).isEqualTo("\"completed\"");
    }
}
