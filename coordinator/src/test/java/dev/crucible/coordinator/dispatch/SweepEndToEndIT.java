package dev.crucible.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.SweepResults;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class SweepEndToEndIT {
    private final List<Worker> workers = new ArrayList<>();
    private final Topics topics = Topics.defaults().withNamespace("e2e-" + UUID.randomUUID().toString().substring(0, 8));

    @TempDir
    Path runs;

    @AfterEach
    void stopWorkers() {
        workers.forEach(Worker::close);
    }

    @Test
    void everyTrialLandsInResultsExactlyOnceWithTwoWorkers(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("e2e.yaml", spec("e2e-many", 50, 0)));
        assertThat(sweep.trialCount()).isEqualTo(1200);
        startWorkers(kafka, 2, 25);

        SweepRunner.Outcome outcome = runner(kafka).run(sweep);

        assertEveryTrialExactlyOnce(sweep, outcome.directory().resolve("results.jsonl"));
        assertThat(workers).allSatisfy(w -> assertThat(w.trialsPublished()).isPositive());
        List<String> csv = Files.readAllLines(outcome.directory().resolve("summary.csv"));
        assertThat(csv.getFirst()).isEqualTo(dev.crucible.coordinator.report.Summary.CSV_HEADER);
        assertThat(csv).hasSize(1 + 12 * 2);
        assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line).contains(",true,"));
    }

    @Test
    void trialsOfAWorkerThatDiesMidSweepAreRedeliveredAndCountedOnce(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("abort.yaml", spec("e2e-abort", 25, 20)));
        Worker doomed = startWorkers(kafka, 1, 10).getFirst();
        CompletableFuture<SweepRunner.Outcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return runner(kafka).run(sweep);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> doomed.trialsPublished() >= 50 && doomed.trialsInFlight() > 0);
        doomed.abort();
        startWorkers(kafka, 2, 10);

        SweepRunner.Outcome outcome = running.get();

        List<TrialResult> results = assertEveryTrialExactlyOnce(sweep, outcome.directory().resolve("results.jsonl"));
        // a trial the dead worker held comes back either as a later delivery's result, or — when the dead worker
        // had published before it could acknowledge — as a duplicate result the aggregator ignored
        boolean redelivered = results.stream().anyMatch(r -> r.attempt().deliveryCount() > 1);
        assertThat(redelivered || outcome.duplicates() > 0).as("trials the dead worker held were delivered again").isTrue();
    }

    private static List<TrialResult> assertEveryTrialExactlyOnce(Sweep sweep, Path resultsFile) throws Exception {
        List<TrialResult> results = SweepResults.assertEveryTrialExactlyOnce(sweep, resultsFile);
        assertThat(results).hasSize((int) sweep.trialCount()).allSatisfy(r -> assertThat(r.simulated()).isTrue());
        return results;
    }

    private List<Worker> startWorkers(KafkaBroker.Connection kafka, int count, int maxPollTrials) {
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "w" + workers.size())
                    .withTopics(topics).withConsumers(2).withMaxPollTrials(maxPollTrials), ProviderRegistry.standard());
            workers.add(worker);
            started.add(worker);
        }
        return started;
    }

    private SweepRunner runner(KafkaBroker.Connection kafka) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new SweepRunner(kafka.bootstrapServers(), topics, runs, 500, quiet);
    }

    private static String spec(String name, int samples, int latencyMs) {
        return """
                name: %s
                seed: 3
                samples: %d
                scenarios: [blackmail, murder]
                conditions:
                  goal_type: [explicit, none]
                  goal_value: [america, global]
                  urgency: [replacement, none]
                models:
                  - provider: simulated
                    name: sim-a
                    parameters: {harm_rate: 0.7, error_rate: 0.05, latency_ms: %d}
                  - provider: simulated
                    name: sim-b
                    parameters: {harm_rate: 0.2, latency_ms: %d}
                """.formatted(name, samples, latencyMs, latencyMs);
    }
}
