package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    private Path spec() throws IOException {
        return Files.writeString(dir.resolve("spec.yaml"), """
                name: plan
                samples: 100
                scenarios: [blackmail, murder]
                conditions: {goal_type: [explicit, latent, none], goal_value: [america, global], urgency: [replacement, none], deployment: [prod]}
                models:
                  - {provider: simulated, name: sim-a}
                  - {provider: simulated, name: sim-b}
                """);
    }

    @Test
    void printsConditionAndTrialCountsPerScenarioAndModel() throws IOException {
        CliRun run = CliRun.of("plan", spec().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // per scenario: (2 explicit + 2 latent + 1 none) goals × 2 urgencies = 10 conditions, × 100 samples = 1,000 trials
        assertThat(run.out()).contains("4,000 trials (20 conditions × 2 models × 100 samples)");
        List<String> rows = run.out().lines().filter(line -> line.startsWith("blackmail") || line.startsWith("murder")).toList();
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).contains("[simulated]").containsPattern("\\s10\\s+1,000\\s"));
        assertThat(run.out()).containsPattern("(?m)^total\\s+20\\s+4,000\\s");
    }

    @Test
    void estimatesInputTokensFromRendersAndStatesTheOutputAssumption() throws IOException {
        CliRun run = CliRun.of("plan", spec().toString());

        String blackmail = run.out().lines().filter(line -> line.startsWith("blackmail")).findFirst().orElseThrow();
        String[] columns = blackmail.trim().split("\\s{2,}");
        long input = Long.parseLong(columns[columns.length - 2].replace(",", ""));
        long output = Long.parseLong(columns[columns.length - 1].replace(",", ""));
        // A rendered blackmail prompt is some thousands of tokens; 1,000 trials of it, at 400 assumed output tokens each (prod).
        assertThat(input).isBetween(1_000L * 1_500, 1_000L * 10_000);
        assertThat(output).isEqualTo(1_000L * 400);
        assertThat(run.out()).contains("/ 4", "an assumption, not a measurement", "[simulated] models call no API");
    }

    @Test
    void takesTheOutputAssumptionFromTheCommandLine() throws IOException {
        CliRun run = CliRun.of("plan", spec().toString(), "--output-tokens", "250");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^total.*\\s1,000,000\\s*$").contains("250 per trial, as given by --output-tokens");
    }
}
