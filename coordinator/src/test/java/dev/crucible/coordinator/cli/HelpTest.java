package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "resume", "worker", "bench", "bench-resume", "bench-limits", "report", "dlq"})
    void everyCommandPrintsItsOptionsOnHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage: crucible " + command, "--help");
    }
}
