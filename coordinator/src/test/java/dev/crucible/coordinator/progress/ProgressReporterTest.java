package dev.crucible.coordinator.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private static final String CONDITION = "leaking_explicit-safety_restriction_prod_instr-dont_notice-on";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void plainModeEndsOnOneLineWithTheFinalCounts() {
        AtomicReference<SweepSnapshot> now = new AtomicReference<>(snapshot(0));
        ProgressReporter reporter = ProgressReporter.start(console, ProgressReporter.Mode.PLAIN, now::get, Duration.ofHours(1));
        now.set(snapshot(50));

        reporter.close();
        reporter.close();

        assertThat(output().lines().toList()).singleElement().asString()
                .startsWith("progress [SIMULATED]: 50/50 trials (100.0%)").contains("ETA 0:00").doesNotContain("\u001b");
    }

    @Test
    void terminalModeRedrawsBothLinesInPlaceAndLeavesTheCursorBelowThem() {
        AtomicReference<SweepSnapshot> now = new AtomicReference<>(snapshot(10));
        ProgressReporter reporter = ProgressReporter.start(console, ProgressReporter.Mode.TERMINAL, now::get, Duration.ofHours(1));
        now.set(snapshot(50));

        reporter.close();

        String out = output();
        // the last drawing: back to the start of the bar's line, clear it, the bar, then the per-model line, then a newline
        assertThat(out).matches("(?s).*\r\u001b\\[K\\[#{24}\\] 50/50 \\(100\\.0%\\).*SIMULATED\n\u001b\\[Kper model, trials/s: sim-z [0-9.,]+\n");
    }

    @Test
    void offShowsNothing() {
        ProgressReporter.start(console, ProgressReporter.Mode.OFF, () -> snapshot(1), Duration.ofSeconds(1)).close();

        assertThat(output()).isEmpty();
    }

    @Test
    void anythingButTheProcessesStandardOutputGetsPlainLines() {
        assertThat(ProgressReporter.detect(console)).isEqualTo(ProgressReporter.Mode.PLAIN);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static SweepSnapshot snapshot(long done) {
        return new SweepSnapshot("s-2", true, 50, done, 0, 0, 0,
                List.of(new HarmRate("simulated/sim-z", true, "leaking", CONDITION, done, 0, 0, 0)), List.of());
    }
}
