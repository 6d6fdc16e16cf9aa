package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.testing.KafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI as real processes: a standalone worker, and a coordinator against an existing cluster. */
@ExtendWith(KafkaBroker.class)
class CrucibleProcessIT {
    private static final Path JAR = Path.of("target", "crucible.jar");
    private final String namespace = "cli-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    @Test
    void aMalformedSpecFailsWithFileLineAndReasonAndPublishesNothing(KafkaBroker.Connection kafka) throws Exception {
        Path spec = dir.resolve("broken.yaml");
        Files.writeString(spec, """
                name: broken
                samples: ten
                scenarios: [blackmail, arson]
                conditions: {goal_type: [explicit], goal_value: [america], urgency: [replacement]}
                models: [{provider: simulated, name: sim}]
                """);
        Finished run = crucible("run", spec.toString(), "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--runs-dir", dir.resolve("runs").toString(), "--metrics-port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains(spec + ":2:").contains(spec + ":3:").contains("arson");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).noneMatch(name -> name.contains(namespace));
        }
    }

    @Test
    void aSweepRunsOnAnExistingClusterThroughAStandaloneWorkerProcess(KafkaBroker.Connection kafka) throws Exception {
        Path spec = dir.resolve("cluster.yaml");
        Files.writeString(spec, """
                name: cluster
                samples: 20
                scenarios: [murder]
                conditions: {goal_type: [explicit, none], goal_value: [ethical], urgency: [replacement, none]}
                models: [{provider: simulated, name: sim, parameters: {harm_rate: 0.5}}]
                """);
        Process worker = start("worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace, "--id", "proc-worker", "--metrics-port", "0");
        try {
            Finished run = crucible("run", spec.toString(), "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                    "--runs-dir", dir.resolve("runs").toString(), "--metrics-port", "0");

            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stdout()).contains("SIMULATED").contains("80 trials counted");
            try (var dirs = Files.list(dir.resolve("runs"))) {
                Path sweepDir = dirs.filter(p -> p.getFileName().toString().startsWith("cluster-")).findFirst().orElseThrow();
                assertThat(Files.readAllLines(sweepDir.resolve("results.jsonl"))).hasSize(80)
                        .allSatisfy(line -> assertThat(line).contains("\"workerId\":\"proc-worker\""));
            }
        } finally {
            worker.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !worker.isAlive());
        }
    }

    private record Finished(int exitCode, String stdout, String stderr) {
    }

    private Finished crucible(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("crucible " + String.join(" ", args) + " did not finish:\n" + Files.readString(err));
        }
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Process start(String... args) throws IOException {
        return command(args).redirectOutput(dir.resolve("worker.out").toFile()).redirectError(dir.resolve("worker.err").toFile()).start();
    }

    private static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
