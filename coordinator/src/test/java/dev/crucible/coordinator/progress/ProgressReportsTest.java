package dev.crucible.coordinator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.control.SweepProgress;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.ModelSpend;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress report a coordinator publishes for status, from fixed snapshots. */
class ProgressReportsTest {
    private static final ProgressReports.Standing RUNNING = new ProgressReports.Standing("running", null, null, 12, 20, null, List.of(), "host-1");

    private static SweepSnapshot snapshot(long decidedA, long decidedB, long skipped) {
        List<HarmRate> rates = List.of(
                new HarmRate("simulated/a", true, "blackmail", "c1", decidedA, 1, 0, 0, 0, 100 * decidedA, 10 * decidedA, 0, 0.0),
                new HarmRate("openai/b", false, "blackmail", "c1", decidedB, 0, 1, 0, skipped, 200 * decidedB, 20 * decidedB, 5, null));
        List<ModelSpend> spend = List.of(new ModelSpend("simulated/a", true, decidedA, 100 * decidedA, 10 * decidedA, 0, 0.0),
                new ModelSpend("openai/b", false, decidedB, 200 * decidedB, 20 * decidedB, 5, 1.5));
        return new SweepSnapshot("s", true, 200, decidedA + decidedB + 1 + skipped, 0, 1, 0, rates, List.of(), skipped, spend);
    }

    @Test
    void ratesAndEtaCountOnlyThisRunsTrials() {
        SweepProgress p = ProgressReports.of(snapshot(10, 10, 0), snapshot(30, 30, 0), Duration.ofSeconds(10), RUNNING, 5);
        assertThat(p.done()).isEqualTo(61);
        assertThat(p.trialsPerSecond()).isEqualTo(4.0);
        assertThat(p.etaSeconds()).isEqualTo((long) Math.ceil(139 / 4.0));
        assertThat(p.queued()).isEqualTo(12);
        assertThat(p.models()).extracting(SweepProgress.ModelProgress::model).containsExactly("simulated/a", "openai/b");
        assertThat(p.models().get(0).trialsPerSecond()).isEqualTo(2.0);
        assertThat(p.models().get(0).total()).isEqualTo(100);
        assertThat(p.models().get(1).costUsd()).isEqualTo(1.5);
        assertThat(p.models().get(1).reasoningTokens()).isEqualTo(5);
        assertThat(p.spentUsd()).isEqualTo(1.5);
        assertThat(p.spentTokens()).isEqualTo(30 * 110 + 30 * 220 + 5);
    }

    @Test
    void etaIsUnknownBeforeAnyTrialOfThisRunFinished() {
        SweepProgress p = ProgressReports.of(snapshot(5, 5, 0), snapshot(5, 5, 0), Duration.ofSeconds(3), RUNNING, 5);
        assertThat(p.etaSeconds()).isEqualTo(-1);
        assertThat(p.trialsPerSecond()).isZero();
    }

    @Test
    void skippedTrialsAreDoneAndCountedApart() {
        SweepProgress p = ProgressReports.of(snapshot(0, 0, 0), snapshot(0, 0, 40), Duration.ofSeconds(1), RUNNING, 5);
        assertThat(p.skipped()).isEqualTo(40);
        assertThat(p.models().get(1).skipped()).isEqualTo(40);
        assertThat(p.models().get(1).done()).isEqualTo(41);
    }
}
