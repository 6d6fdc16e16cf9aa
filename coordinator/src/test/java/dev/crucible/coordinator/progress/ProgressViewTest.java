package dev.crucible.coordinator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
    private static final String CONDITION = "blackmail_explicit-america_replacement_dev_instr-none_notice-off";

    @Test
    void terminalViewShowsBarTotalsRateEtaErrorsAndPerModelRates() {
        SweepSnapshot start = snapshot(0, 0, 0, 0);
        SweepSnapshot now = snapshot(280, 20, 100, 0);

        List<String> lines = ProgressView.terminal(start, now, Duration.ofSeconds(10), 200);

        assertThat(lines.get(0)).isEqualTo("[#########...............] 400/1,000 (40.0%)  40 trials/s  ETA 0:15  errors 20  dead letters 0  SIMULATED");
        assertThat(lines.get(1)).isEqualTo("per model, trials/s: sim-a 30  sim-b 10");
    }

    @Test
    void ratesCountOnlyTrialsFinishedDuringThisRun() {
        // a resumed sweep: 200 trials were done before this coordinator started
        SweepSnapshot start = snapshot(150, 0, 50, 0);
        SweepSnapshot now = snapshot(280, 20, 100, 0);

        String line = ProgressView.plain(start, now, Duration.ofSeconds(20));

        assertThat(line).isEqualTo("progress [SIMULATED]: 400/1000 trials (40.0%), 10 trials/s, ETA 1:00, 20 errors, 0 dead letters; "
                + "per model trials/s: sim-a 7.5, sim-b 2.5");
    }

    @Test
    void etaIsUnknownBeforeTheFirstTrialAndZeroWhenDone() {
        SweepSnapshot start = snapshot(0, 0, 0, 0);
        assertThat(ProgressView.eta(start, start, Duration.ofSeconds(5))).isEqualTo("--");
        assertThat(ProgressView.eta(start, snapshot(700, 50, 200, 50), Duration.ofSeconds(5))).isEqualTo("0:00");
        assertThat(ProgressView.eta(start, snapshot(1, 0, 0, 0), Duration.ofSeconds(4))).isEqualTo("1:06:36");
    }

    @Test
    void deadLettersCountAsFinishedAndAreShown() {
        String line = ProgressView.plain(snapshot(0, 0, 0, 0), snapshot(100, 0, 0, 25), Duration.ofSeconds(5));

        assertThat(line).contains("125/1000 trials (12.5%)").contains("25 dead letters");
    }

    @Test
    void terminalLinesAreCutToTheTerminalWidth() {
        List<String> lines = ProgressView.terminal(snapshot(0, 0, 0, 0), snapshot(280, 20, 100, 0), Duration.ofSeconds(10), 30);

        assertThat(lines).allSatisfy(l -> assertThat(l).hasSize(30).endsWith("…"));
    }

    /** Model sim-a holds {@code decidedA}, {@code errorsA} and {@code deadA}; model sim-b {@code doneB} decided trials. */
    private static SweepSnapshot snapshot(long decidedA, long errorsA, long doneB, long deadA) {
        List<HarmRate> rates = List.of(
                new HarmRate("simulated/sim-a", true, "blackmail", CONDITION, decidedA, decidedA / 2, errorsA, deadA),
                new HarmRate("simulated/sim-b", true, "blackmail", CONDITION, doneB, 0, 0, 0));
        return new SweepSnapshot("s-1", true, 1000, decidedA + errorsA + doneB, deadA, errorsA, 0, rates, List.of());
    }
}
