package dev.crucible.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.control.SweepCommand.Action;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a coordinator takes a sweep up from: its manifest and the control topic's latest command. */
class LifecycleTest {
    private static final SweepCommand PAUSE = new SweepCommand("s", Action.PAUSE, "lunch", "ann@host", 1);
    private static final SweepCommand RESUME = new SweepCommand("s", Action.RESUME, null, "ann@host", 2);
    private static final SweepCommand CANCEL = new SweepCommand("s", Action.CANCEL, null, "bob@host", 3);

    private static SweepManifest manifest(SweepState state, String cause, SweepCommand applied) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("s.yaml", """
                name: s
                samples: 1
                scenarios: [blackmail]
                conditions: {goal_type: [none], urgency: [none]}
                models: [{provider: simulated, name: a}]
                """));
        return SweepManifest.of(sweep, state, 0, 0, cause, cause == null ? null : "because", applied);
    }

    @Test
    void aNewSweepRuns() {
        assertThat(Lifecycle.at(Optional.empty(), Optional.empty()).state()).isEqualTo(SweepState.RUNNING);
    }

    @Test
    void aPendingPauseAppliesWhenTheSweepIsTakenUp() throws Exception {
        Lifecycle at = Lifecycle.at(Optional.of(manifest(SweepState.RUNNING, null, null)), Optional.of(PAUSE));
        assertThat(at.state()).isEqualTo(SweepState.PAUSED);
        assertThat(at.cause()).isEqualTo("user");
        assertThat(at.message()).contains("paused by ann@host").contains("lunch");
        assertThat(at.command()).isEqualTo(PAUSE);
    }

    @Test
    void aPausedSweepStaysPausedUntilANewResume() throws Exception {
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.PAUSED, "budget", PAUSE)), Optional.of(PAUSE)).state())
                .isEqualTo(SweepState.PAUSED);
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.PAUSED, "budget", RESUME)), Optional.of(RESUME)).state())
                .as("the resume was applied before the budget paused it").isEqualTo(SweepState.PAUSED);
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.PAUSED, "user", PAUSE)), Optional.of(RESUME)).state())
                .isEqualTo(SweepState.RUNNING);
    }

    @Test
    void aCancelledSweepStaysCancelledWhateverComesAfter() throws Exception {
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.RUNNING, null, null)), Optional.of(CANCEL)).state())
                .isEqualTo(SweepState.CANCELLED);
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.CANCELLED, "user", CANCEL)), Optional.of(RESUME)).state())
                .isEqualTo(SweepState.CANCELLED);
    }

    @Test
    void aCompletedSweepRunsAgainWhenTakenUp() throws Exception {
        assertThat(Lifecycle.at(Optional.of(manifest(SweepState.COMPLETED, "completed", null)), Optional.empty()).state())
                .isEqualTo(SweepState.RUNNING);
    }

    @Test
    void reachingTheBudgetPausesWithItsMessage() {
        Lifecycle paused = Lifecycle.at(Optional.empty(), Optional.empty()).budgetReached("budget reached: $5 of $5 spent");
        assertThat(paused.state()).isEqualTo(SweepState.PAUSED);
        assertThat(paused.cause()).isEqualTo("budget");
        assertThat(paused.message()).isEqualTo("budget reached: $5 of $5 spent");
    }
}
