package dev.crucible.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.trial.Sweep;
import dev.crucible.testing.LocalCluster;
import dev.crucible.testing.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/local-cluster} as a user runs it: {@code up} with a broker process and two worker processes, a sweep
 * through {@code run} (the coordinator as its own process), {@code status}, {@code down}, and {@code up} again on the
 * data the broker kept, where the same sweep is found done.
 */
class LocalClusterIT {
    private static final String SPEC = """
            name: local-cluster
            samples: 25
            scenarios: [blackmail]
            conditions: {goal_type: [explicit, none], goal_value: [america], urgency: [replacement, none]}
            models: [{provider: simulated, name: sim, parameters: {harm_rate: 0.5, latency_ms: 20}}]
            """;

    @TempDir
    Path dir;

    @Test
    void aSweepRunsThroughBrokerWorkerAndCoordinatorProcessesStartedByTheScript() throws Exception {
        Path spec = dir.resolve("local-cluster.yaml");
        Files.writeString(spec, SPEC);
        Sweep sweep = Sweep.of(SpecLoader.parse("local-cluster.yaml", SPEC));
        Path runs = dir.resolve("runs");
        try (LocalCluster cluster = LocalCluster.up(dir, 1, 2, List.of())) {
            assertThat(cluster.status()).as("every process runs after up").isZero();
            assertThat(cluster.statusOutput()).contains("broker-1", "worker-1", "worker-2").doesNotContain("stopped");

            Process coordinator = cluster.run(spec, List.of("--runs-dir", runs.toString(), "--no-dashboard", "--metrics-port", "0"));
            assertThat(coordinator.waitFor(3, TimeUnit.MINUTES)).as("the sweep finishes").isTrue();
            assertThat(coordinator.exitValue()).as(Files.readString(dir.resolve("coordinator.err"))).isZero();
            assertThat(Files.readString(dir.resolve("coordinator.out"))).contains(sweep.trialCount() + " trials counted");
            SweepResults.assertEveryTrialExactlyOnce(sweep, runs.resolve(sweep.sweepId()).resolve("results.jsonl"));
            assertThat(cluster.status()).as("the workers outlive the sweep").isZero();

            ProcessHandle worker = cluster.process("worker-1").orElseThrow();
            cluster.down();
            assertThat(worker.isAlive()).as("down stops the processes").isFalse();
            assertThat(cluster.process("broker-1")).isEmpty();

            cluster.upAgain();
            Process again = cluster.run(spec, List.of("--runs-dir", runs.toString(), "--no-dashboard", "--metrics-port", "0"));
            assertThat(again.waitFor(3, TimeUnit.MINUTES)).as("the sweep is found done").isTrue();
            assertThat(again.exitValue()).as(Files.readString(dir.resolve("coordinator.err"))).isZero();
            assertThat(Files.readString(dir.resolve("coordinator.out"))).as("the broker kept its data across down and up")
                    .contains(sweep.trialCount() + " trials counted").contains("0 duplicate results");
        }
    }
}
