package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.ModelPause;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.dispatch.Manifests;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.SweepResults;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.mockllm.Fault;
import dev.crucible.worker.mockllm.LatencyDistribution;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import dev.crucible.worker.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane against the real broker: pause and resume, cancel, a budget in USD, {@code --retry-failed}, a
 * model's quota running out across the fleet, and {@code status --json}. Workers run in-process; the coordinator runs
 * through the CLI ({@code run}, {@code resume}) so that exit codes are what a user sees.
 */
@ExtendWith(KafkaBroker.class)
class SweepControlIT {
    private final String namespace = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);
    private final List<Worker> workers = new ArrayList<>();
    private final List<MockLlmServer> mocks = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
        mocks.forEach(MockLlmServer::close);
    }

    @Test
    void aPausedSweepStopsItsFanOutAndResumesToEveryTrialExactlyOnce(KafkaBroker.Connection kafka) throws Exception {
        Path spec = spec("pausable", 60, simulated("sim-a", 150) + simulated("sim-b", 150));
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 2, 2, 5);
        CompletableFuture<CliRun> run = cli(kafka, "run", spec.toString(), "--window", "12");
        await().atMost(Duration.ofSeconds(120)).until(() -> published() >= 30);

        CliRun pause = CliRun.of(control(kafka, "pause", sweep.sweepId(), "--reason", "lunch"));
        assertThat(pause.exitCode()).as(pause.err()).isZero();
        assertThat(run.get(120, TimeUnit.SECONDS).exitCode()).as("run exits 3 when paused").isEqualTo(Crucible.EXIT_PAUSED);

        SweepManifest paused = Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId()).orElseThrow();
        assertThat(paused.state()).isEqualTo(SweepState.PAUSED);
        assertThat(paused.cause()).isEqualTo("user");
        assertThat(paused.message()).contains("paused by").contains("lunch");
        assertThat(paused.published()).isLessThan(sweep.trialCount());
        JsonNode status = statusJson(kafka, sweep.sweepId());
        assertThat(status.path("state").asText()).isEqualTo("paused");
        assertThat(status.path("progress").path("done").asLong()).isLessThan(sweep.trialCount());

        CliRun resumed = CliRun.of(options(kafka, "resume", sweep.sweepId(), "--window", "12"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        SweepResults.assertEveryTrialExactlyOnce(sweep, results(sweep));
        assertThat(Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId()).orElseThrow().state()).isEqualTo(SweepState.COMPLETED);
    }

    @Test
    void aCancelledSweepStopsItsFanOutAndWorkersSkipItsQueuedTrials(KafkaBroker.Connection kafka) throws Exception {
        Path spec = spec("cancellable", 40, simulated("sim-a", 100) + simulated("sim-b", 100));
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 1, 1, 1);
        CompletableFuture<CliRun> run = cli(kafka, "run", spec.toString(), "--window", "40");
        await().atMost(Duration.ofSeconds(120)).until(() -> published() >= 10);

        CliRun cancel = CliRun.of(control(kafka, "cancel", sweep.sweepId(), "--reason", "wrong spec"));
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(run.get(120, TimeUnit.SECONDS).exitCode()).as("run exits 4 when cancelled").isEqualTo(Crucible.EXIT_CANCELLED);

        SweepManifest cancelled = Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(SweepState.CANCELLED);
        assertThat(cancelled.published()).as("the fan-out stopped").isLessThan(sweep.trialCount());
        // the queued trials come back skipped, acknowledged and never run
        await().atMost(Duration.ofSeconds(60)).until(() -> statusJson(kafka, sweep.sweepId()).path("state").asText().equals("cancelled"));
        CliRun report = CliRun.of("report", sweep.sweepId(), "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--runs-dir", dir.resolve("runs").toString());
        assertThat(report.exitCode()).isZero();
        List<TrialResult> lines = readResults(results(sweep));
        assertThat(lines.stream().map(TrialResult::trialId)).doesNotHaveDuplicates();
        assertThat(lines).filteredOn(r -> r.status() == ResultStatus.SKIPPED).isNotEmpty()
                .allSatisfy(r -> assertThat(r.harmful()).isNull());
        assertThat(lines.size()).isLessThan((int) sweep.trialCount());
        assertThat(Files.readString(results(sweep).resolveSibling("summary.csv"))).contains("skipped");

        CliRun resume = CliRun.of(options(kafka, "resume", sweep.sweepId()));
        assertThat(resume.exitCode()).as("a cancelled sweep stays cancelled").isEqualTo(Crucible.EXIT_CANCELLED);
    }

    @Test
    void aBudgetInUsdPausesTheSweepAndARaisedBudgetCompletesIt(KafkaBroker.Connection kafka) throws Exception {
        MockLlmServer mock = mock(MockLlmConfig.defaults().withLatency(LatencyDistribution.parse("fixed:150", 1)));
        // about 3,000 input tokens a trial at $1,000 per million: some $3 a trial, so $20 lasts a handful of trials
        Path spec = spec("budgeted", 10, http("mock-gpt", mock) + """
                prices:
                  openai-compatible/mock-gpt: {input: 1000, output: 1000}
                budget: {max_usd: 20}
                classifiers:
                  judge: {provider: simulated, name: judge}
                """);
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 1, 2, 1);

        CliRun run = CliRun.of(options(kafka, "run", spec.toString(), "--window", "4"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Crucible.EXIT_PAUSED);
        SweepManifest paused = Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId()).orElseThrow();
        assertThat(paused.cause()).isEqualTo("budget");
        assertThat(paused.message()).startsWith("budget reached: $").contains("of $20.0000 spent").contains("--budget-usd");
        JsonNode status = statusJson(kafka, sweep.sweepId());
        assertThat(status.path("state").asText()).isEqualTo("paused");
        assertThat(status.path("cause").asText()).isEqualTo("budget");
        assertThat(status.path("progress").path("spentUsd").asDouble()).isGreaterThanOrEqualTo(20.0);

        CliRun resumed = CliRun.of(options(kafka, "resume", sweep.sweepId(), "--budget-usd", "100000", "--window", "4"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<TrialResult> lines = SweepResults.assertEveryTrialExactlyOnce(sweep, results(sweep));
        assertThat(lines).allSatisfy(r -> assertThat(r.costUsd()).isPositive());
        String summary = Files.readString(results(sweep).resolveSibling("summary.csv"));
        assertThat(summary.lines().skip(1)).allSatisfy(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(',') + 1))).isPositive());
    }

    @Test
    void retryFailedRunsErrorResultsAgainAndCountsTheirNewResults(KafkaBroker.Connection kafka) throws Exception {
        MockLlmServer mock = mock(MockLlmConfig.defaults());
        Fault[] refusals = new Fault[8];
        Arrays.fill(refusals, Fault.BAD_REQUEST);
        mock.inject(refusals);
        Path spec = spec("retried", 5, http("mock-gpt", mock) + """
                classifiers:
                  judge: {provider: simulated, name: judge}
                """);
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 1, 1, 1);

        assertThat(CliRun.of(options(kafka, "run", spec.toString())).exitCode()).isZero();
        assertThat(readResults(results(sweep))).filteredOn(r -> r.status() == ResultStatus.ERROR).hasSize(8);

        CliRun retried = CliRun.of(options(kafka, "resume", sweep.sweepId(), "--retry-failed"));
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        List<TrialResult> lines = SweepResults.assertEveryTrialExactlyOnce(sweep, results(sweep));
        assertThat(lines).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.OK));
        assertThat(Files.readString(results(sweep).resolveSibling("summary.csv")).lines().skip(1)
                .mapToLong(line -> Long.parseLong(line.split(",")[6])).sum()).as("errors in summary.csv").isZero();
    }

    @Test
    void anExhaustedQuotaPausesThatModelAcrossTheFleetAndTheOtherModelCompletes(KafkaBroker.Connection kafka) throws Exception {
        MockLlmServer broke = mock(MockLlmConfig.defaults().withLatency(LatencyDistribution.parse("fixed:20", 1)));
        Fault[] quota = new Fault[1000];
        Arrays.fill(quota, Fault.QUOTA_EXHAUSTED);
        broke.inject(quota);
        MockLlmServer fine = mock(MockLlmConfig.defaults().withLatency(LatencyDistribution.parse("fixed:20", 1)));
        Path spec = spec("quota", 10, http("broke-model", broke) + http("fine-model", fine) + """
                classifiers:
                  judge: {provider: simulated, name: judge}
                """);
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 2, 1, 1);

        CliRun run = CliRun.of(options(kafka, "run", spec.toString(), "--window", "10"));
        assertThat(run.exitCode()).as(run.err()).isZero();

        List<TrialResult> lines = SweepResults.assertEveryTrialExactlyOnce(sweep, results(sweep));
        assertThat(lines).filteredOn(r -> r.model().equals("openai-compatible/fine-model"))
                .hasSize(40).allSatisfy(r -> assertThat(r.status()).isEqualTo(ResultStatus.OK));
        assertThat(lines).filteredOn(r -> r.model().equals("openai-compatible/broke-model"))
                .hasSize(40).allSatisfy(r -> assertThat(r.failure().type()).isEqualTo("quota_exhausted"));
        assertThat(broke.stats().requests()).as("workers stopped calling the paused model").isLessThan(20);
        try (ControlChannel channel = ControlChannel.open(kafka.bootstrapServers(), topics, "test", Map.of())) {
            channel.awaitCaughtUp(Duration.ofSeconds(30));
            assertThat(channel.modelPauses(System.currentTimeMillis())).extracting(ModelPause::modelId)
                    .containsExactly("openai-compatible/broke-model");
        }
        JsonNode status = statusJson(kafka, sweep.sweepId());
        assertThat(status.path("pausedModels").get(0).path("policy").asText()).isEqualTo("openai-compatible:default:broke-model");
        assertThat(status.path("pausedModels").get(0).path("reason").asText()).contains("quota");
        assertThat(CliRun.of(control(kafka, "status", sweep.sweepId())).out()).contains("model paused across the fleet")
                .contains("broke-model");
    }

    @Test
    void statusJsonSaysWhereASweepStands(KafkaBroker.Connection kafka) throws Exception {
        Path spec = spec("watched", 5, simulated("sim-a", 0));
        Sweep sweep = sweep(spec);
        startWorkers(kafka, 1, 2, 10);
        assertThat(CliRun.of(options(kafka, "run", spec.toString())).exitCode()).isZero();

        JsonNode status = statusJson(kafka, sweep.sweepId());
        assertThat(status.path("sweepId").asText()).isEqualTo(sweep.sweepId());
        assertThat(status.path("state").asText()).isEqualTo("completed");
        assertThat(status.path("simulated").asBoolean()).isTrue();
        assertThat(status.path("total").asLong()).isEqualTo(20);
        JsonNode progress = status.path("progress");
        assertThat(progress.path("done").asLong()).isEqualTo(20);
        assertThat(progress.path("errors").isNumber()).isTrue();
        assertThat(progress.path("deadLetters").asLong()).isZero();
        assertThat(progress.path("skipped").asLong()).isZero();
        assertThat(progress.path("trialsPerSecond").isNumber()).isTrue();
        assertThat(progress.path("etaSeconds").asLong()).isZero();
        JsonNode model = progress.path("models").get(0);
        assertThat(model.path("model").asText()).isEqualTo("simulated/sim-a");
        assertThat(model.path("simulated").asBoolean()).isTrue();
        assertThat(model.path("done").asLong()).isEqualTo(20);
        assertThat(model.path("inputTokens").asLong()).isPositive();
        assertThat(model.path("costUsd").asDouble()).isZero();
        assertThat(status.path("pausedModels").isArray()).isTrue();

        CliRun list = CliRun.of(control(kafka, "status"));
        assertThat(list.out()).contains(sweep.sweepId()).contains("completed").contains("SIMULATED");
    }

    private Path spec(String name, int samples, String models) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                samples: %d
                scenarios: [blackmail]
                conditions:
                  goal_type: [explicit, none]
                  goal_value: [america]
                  urgency: [replacement, none]
                models:
                %s""".formatted(name, samples, models));
        return file;
    }

    private static String simulated(String name, int latencyMs) {
        return "  - {provider: simulated, name: %s, parameters: {harm_rate: 0.5, error_rate: 0, latency_ms: %d}}\n".formatted(name, latencyMs);
    }

    private static String http(String name, MockLlmServer mock) {
        return "  - {provider: openai-compatible, name: %s, parameters: {base_url: \"%s/v1\", max_attempts: 1}}\n".formatted(name, mock.baseUrl());
    }

    private MockLlmServer mock(MockLlmConfig config) throws Exception {
        MockLlmServer mock = MockLlmServer.start(config);
        mocks.add(mock);
        return mock;
    }

    private static Sweep sweep(Path spec) throws Exception {
        return Sweep.of(SpecLoader.load(spec));
    }

    private Path results(Sweep sweep) {
        return dir.resolve("runs").resolve(sweep.sweepId()).resolve("results.jsonl");
    }

    private static List<TrialResult> readResults(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(line -> Json.read(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), TrialResult.class))
                .toList();
    }

    private void startWorkers(KafkaBroker.Connection kafka, int count, int consumers, int maxPollTrials) {
        for (int i = 0; i < count; i++) {
            workers.add(Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), namespace + "-w" + i).withTopics(topics)
                    .withConsumers(consumers).withMaxPollTrials(maxPollTrials), ProviderRegistry.standard()));
        }
    }

    private long published() {
        return workers.stream().mapToLong(Worker::trialsPublished).sum();
    }

    /** A coordinator command: the cluster, the namespace, this test's runs directory, no dashboard. */
    private String[] options(KafkaBroker.Connection kafka, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--namespace", namespace, "--runs-dir", dir.resolve("runs").toString(),
                "--no-dashboard"));
        return all.toArray(String[]::new);
    }

    /** A command that only looks at or steers a sweep. */
    private String[] control(KafkaBroker.Connection kafka, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap", kafka.bootstrapServers(), "--namespace", namespace));
        return all.toArray(String[]::new);
    }

    private CompletableFuture<CliRun> cli(KafkaBroker.Connection kafka, String... args) {
        String[] all = options(kafka, args);
        return CompletableFuture.supplyAsync(() -> CliRun.of(all));
    }

    private JsonNode statusJson(KafkaBroker.Connection kafka, String sweepId) throws Exception {
        CliRun status = CliRun.of(control(kafka, "status", sweepId, "--json"));
        assertThat(status.exitCode()).as(status.err()).isZero();
        return Json.mapper().readTree(status.out());
    }
}
