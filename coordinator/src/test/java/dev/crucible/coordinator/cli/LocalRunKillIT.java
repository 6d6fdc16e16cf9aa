package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.trial.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole local set-up — embedded broker, in-process workers and coordinator, one process — killed with SIGKILL
 * mid-sweep, then run again on the same data: the broker comes back from its data directory and the sweep ends
 * with every trial counted exactly once. Needs no shared broker: the process under test is its own.
 */
@Tag("fault")
class LocalRunKillIT {
    private static final String SPEC = """
            name: local-kill
            samples: 50
            scenarios: [blackmail, leaking]
            conditions: {goal_type: [explicit, none], goal_value: [america], urgency: [replacement, none]}
            models: [{provider: simulated, name: sim, parameters: {harm_rate: 0.5, latency_ms: 400}}]
            """;
    private static final Pattern PROGRESS = Pattern.compile("progress \\[SIMULATED]: (\\d+)/(\\d+) trials");

    @TempDir
    Path dir;

    @Test
    void aLocalRunKilledMidSweepFinishesOnTheNextRunWithEveryTrialOnce() throws Exception {
        Path spec = dir.resolve("local-kill.yaml");
        Files.writeString(spec, SPEC);
        Sweep sweep = Sweep.of(SpecLoader.parse("local-kill.yaml", SPEC));
        assertThat(sweep.trialCount()).isEqualTo(400);
        List<String> args = List.of("run", spec.toString(), "--runs-dir", dir.resolve("runs").toString(), "--workers", "1",
                "--consumers", "1", "--no-dashboard", "--metrics-port", "0");

        Process first = start(args, "first");
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                long done = lastProgress(dir.resolve("first.out"));
                return done > 0 && done < sweep.trialCount();
            });
        } finally {
            first.destroyForcibly().waitFor();
        }
        assertThat(Files.exists(dir.resolve("runs").resolve(sweep.sweepId()).resolve("results.jsonl"))).as("the killed run finished").isFalse();

        Process second = start(args, "second");
        await().atMost(Duration.ofMinutes(3)).until(() -> !second.isAlive());
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("runs").resolve(sweep.sweepId()).resolve("results.jsonl"));
        ObjectMapper json = new ObjectMapper();
        List<String> trialIds = new ArrayList<>();
        for (String line : lines) {
            JsonNode result = json.readTree(line);
            trialIds.add(result.get("trialId").asText());
        }
        assertThat(trialIds).hasSize((int) sweep.trialCount()).doesNotHaveDuplicates();
        assertThat(Files.readString(dir.resolve("second.out"))).contains("400 trials counted");
    }

    /** The done count of the last plain progress line, or -1 before there is one. */
    private static long lastProgress(Path out) throws IOException {
        if (!Files.exists(out)) {
            return -1;
        }
        Matcher matcher = PROGRESS.matcher(Files.readString(out));
        long done = -1;
        while (matcher.find()) {
            done = Long.parseLong(matcher.group(1));
        }
        return done;
    }

    private Process start(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", Path.of("target", "crucible.jar").toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }
}
