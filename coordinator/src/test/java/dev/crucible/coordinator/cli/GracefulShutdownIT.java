package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.testing.CrucibleProcess;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.Scrape;
import dev.crucible.testing.SweepResults;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
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
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code crucible worker} process told to stop with SIGTERM mid-sweep, as Kubernetes stops a pod: it is not
 * ready at once, finishes (or, past its drain timeout, releases) the trials it holds, exits 0, and another worker
 * finishes the sweep with every trial exactly once. The acquisition lock is set far longer than the test waits,
 * so a trial the stopping worker kept instead of releasing would stall the sweep and fail it.
 */
@ExtendWith(KafkaBroker.class)
class GracefulShutdownIT {
    private static final Duration LOCK = Duration.ofMinutes(5);
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final String namespace = "graceful-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);
    private final List<CrucibleProcess> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        processes.forEach(p -> p.process().destroyForcibly());
    }

    @Test
    void aStoppedWorkerFinishesItsTrialsInFlightAndExitsZero(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = sweep("drain", 2500);
        CompletableFuture<SweepRunner.Outcome> run = startSweep(kafka, sweep);
        CrucibleProcess worker = startWorker(kafka, "drain-worker", 20);
        URI metrics = await().atMost(STARTUP).until(() -> worker.metricsUri().orElse(null), u -> u != null);
        await().atMost(STARTUP).until(() -> {
            Scrape now = Scrape.of(metrics);
            return now.sum("crucible_trials_completed_total") >= 8 && now.sum("crucible_trials_in_flight") > 0;
        });

        worker.process().destroy();  // SIGTERM
        int readyDuringDrain = await().atMost(Duration.ofSeconds(30)).until(() -> Scrape.status(metrics, "/health/ready"), s -> s != 200);
        assertThat(readyDuringDrain).as("not ready from the moment it was told to stop").isEqualTo(503);
        assertThat(worker.process().waitFor(45, TimeUnit.SECONDS)).as("exits within its drain timeout").isTrue();
        assertThat(worker.process().exitValue()).as(worker.stderr()).isZero();
        assertThat(worker.stdout()).contains("drain-worker: stopped;");
        assertThat(worker.stderr()).doesNotContain("drain timeout");

        List<TrialResult> results = finishWithAnotherWorker(kafka, sweep, run);
        assertThat(results).filteredOn(r -> r.attempt().workerId().equals("drain-worker")).isNotEmpty();
    }

    @Test
    void trialsStillRunningWhenTheDrainTimeoutEndsAreReleasedForAnotherWorker(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = sweep("release", 8000);
        CompletableFuture<SweepRunner.Outcome> run = startSweep(kafka, sweep);
        CrucibleProcess worker = startWorker(kafka, "release-worker", 1);
        URI metrics = await().atMost(STARTUP).until(() -> worker.metricsUri().orElse(null), u -> u != null);
        await().atMost(STARTUP).until(() -> Scrape.of(metrics).sum("crucible_trials_in_flight") >= 4);

        worker.process().destroy();  // SIGTERM
        assertThat(worker.process().waitFor(45, TimeUnit.SECONDS)).as("exits once its drain timeout ends").isTrue();
        assertThat(worker.process().exitValue()).as(worker.stderr()).isZero();
        assertThat(worker.stderr()).contains("drain timeout of 1 s ran out").contains("releasing them");

        List<TrialResult> results = finishWithAnotherWorker(kafka, sweep, run);
        assertThat(results).filteredOn(r -> r.attempt().deliveryCount() > 1)
                .as("released trials, run again by the other worker").isNotEmpty()
                .allMatch(r -> r.attempt().workerId().equals("finisher"));
    }

    /** 2 conditions × 12 samples of a model that answers after {@code latencyMs}. */
    private static Sweep sweep(String name, int latencyMs) throws Exception {
        return Sweep.of(SpecLoader.parse(name + ".yaml", """
                name: %s
                samples: 12
                scenarios: [leaking]
                conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement, none]}
                models: [{provider: simulated, name: slow, parameters: {harm_rate: 0.5, latency_ms: %d}}]
                """.formatted(name, latencyMs)));
    }

    private CompletableFuture<SweepRunner.Outcome> startSweep(KafkaBroker.Connection kafka, Sweep sweep) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicSetup(admin, topics).ensureShared();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup()), List.of(
                    new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", String.valueOf(LOCK.toMillis())), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new SweepRunner(kafka.bootstrapServers(), topics, dir.resolve("runs"), 1000, quiet).run(sweep);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private CrucibleProcess startWorker(KafkaBroker.Connection kafka, String id, int drainSeconds) throws Exception {
        CrucibleProcess worker = CrucibleProcess.start(dir, id, "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--id", id, "--consumers", "2", "--max-poll-trials", "4", "--drain-timeout", String.valueOf(drainSeconds),
                "--metrics-port", "0");
        processes.add(worker);
        return worker;
    }

    /** Another worker takes what is left; the sweep ends well before a kept trial's lock could expire. */
    private List<TrialResult> finishWithAnotherWorker(KafkaBroker.Connection kafka, Sweep sweep, CompletableFuture<SweepRunner.Outcome> run)
            throws Exception {
        try (Worker finisher = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "finisher").withTopics(topics)
                .withConsumers(4).withMaxPollTrials(4), ProviderRegistry.standard())) {
            SweepRunner.Outcome outcome = run.get(LOCK.toSeconds() / 2, TimeUnit.SECONDS);
            return SweepResults.assertEveryTrialExactlyOnce(sweep, outcome.directory().resolve("results.jsonl"));
        }
    }
}
