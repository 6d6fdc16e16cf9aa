package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.SweepResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Worker processes killed with SIGKILL, again and again, while a 5,000-trial sweep runs through them. */
@Tag("fault")
@ExtendWith(KafkaBroker.class)
class WorkerCrashIT {
    private static final String SPEC = """
            name: worker-crash
            samples: 625
            scenarios: [leaking]
            conditions: {goal_type: [explicit], goal_value: [safety, acceleration], urgency: [replacement, restriction]}
            models:
              - {provider: simulated, name: a, parameters: {harm_rate: 0.6, latency_ms: 25}}
              - {provider: simulated, name: b, parameters: {harm_rate: 0.2, latency_ms: 25}}
            """;
    private static final int KILLS = 4;

    private final String namespace = "wcrash-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);
    private final List<Process> workers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopWorkers() {
        workers.forEach(Process::destroyForcibly);
    }

    @Test
    void everyTrialIsCountedOnceWhileWorkerProcessesAreKilledAndReplaced(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("crash.yaml", SPEC));
        assertThat(sweep.trialCount()).isEqualTo(5000);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup setup = new TopicSetup(admin, topics);
            setup.ensureShared();
            // created here too (idempotent) so that progress can be read before the coordinator gets to it
            setup.ensureSweep(sweep.sweepId());
            // a killed worker never releases what it held: short locks bring those trials back in seconds
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup()),
                    List.of(new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", "3000"), AlterConfigOp.OpType.SET))))
                    .all().get();
            for (int i = 0; i < 3; i++) {
                workers.add(startWorker(kafka, "w" + i));
            }
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            CompletableFuture<SweepRunner.Outcome> sweepRun = CompletableFuture.supplyAsync(() -> {
                try {
                    return new SweepRunner(kafka.bootstrapServers(), topics, dir.resolve("runs"), 1000, quiet).run(sweep);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            long resultsAtLastKill = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                long target = resultsAtLastKill + 700;
                await().atMost(Duration.ofSeconds(90)).until(() -> sweepRun.isDone() || results(admin, sweep) >= target);
                if (sweepRun.isDone()) {
                    break;
                }
                resultsAtLastKill = results(admin, sweep);
                Process victim = workers.remove(kill % workers.size());
                victim.destroyForcibly();
                assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
                workers.add(startWorker(kafka, "w" + (3 + kill)));
            }

            SweepRunner.Outcome outcome = sweepRun.get(180, TimeUnit.SECONDS);
            assertThat(workers).as("the surviving workers are still running").allMatch(Process::isAlive);
            SweepResults.assertEveryTrialExactlyOnce(sweep, outcome.directory().resolve("results.jsonl"));
        }
    }

    /** Results written so far (duplicates included): the sweep's progress, read from the broker. */
    private long results(Admin admin, Sweep sweep) throws Exception {
        String topic = topics.results(sweep.sweepId());
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < topics.trialPartitions(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }

    private Process startWorker(KafkaBroker.Connection kafka, String id) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m", "-jar",
                Path.of("target", "crucible.jar").toString(), "worker", "--bootstrap", kafka.bootstrapServers(),
                "--namespace", namespace, "--id", id, "--consumers", "1", "--max-poll-trials", "5", "--metrics-port", "0");
        return new ProcessBuilder(command).redirectOutput(dir.resolve(id + ".out").toFile())
                .redirectError(dir.resolve(id + ".err").toFile()).start();
    }
}
