package dev.crucible.coordinator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.trial.Sweep;
import dev.crucible.testing.CrucibleProcess;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.Promtool;
import dev.crucible.testing.Scrape;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Prometheus and Kubernetes see: a worker process and a coordinator process run a small sweep; both serve
 * /metrics with the meters docs/metrics.md lists, in text promtool accepts, and /health that follows their state.
 */
@ExtendWith(KafkaBroker.class)
class MetricsEndpointIT {
    private static final String SPEC = """
            name: metrics
            samples: 40
            scenarios: [leaking]
            conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement, none]}
            models:
              - {provider: simulated, name: sim-a, parameters: {harm_rate: 0.6, latency_ms: 150}}
              - {provider: simulated, name: sim-b, parameters: {harm_rate: 0.2, error_rate: 0.1, latency_ms: 150}}
            """;
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final String namespace = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<CrucibleProcess> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        processes.forEach(p -> p.process().destroyForcibly());
    }

    @Test
    void workerAndCoordinatorServeTheirMetricsAndHealth(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("metrics.yaml", SPEC));
        Files.writeString(dir.resolve("metrics.yaml"), SPEC);
        // the coordinator first: with no worker yet, every trial it publishes waits in the queue
        CrucibleProcess coordinator = start("coordinator", "run", dir.resolve("metrics.yaml").toString(), "--bootstrap",
                kafka.bootstrapServers(), "--namespace", namespace, "--runs-dir", dir.resolve("runs").toString(), "--no-dashboard",
                "--metrics-port", "0");
        URI coordinatorMetrics = await().atMost(STARTUP).until(() -> coordinator.metricsUri().orElse(null), u -> u != null);
        assertThat(Scrape.status(coordinatorMetrics, "/health/live")).isEqualTo(200);
        String queued = "namespace=\"" + namespace + "\"";
        // every trial, and at most one transaction marker per partition (TrialBacklogIT)
        await().atMost(STARTUP).until(() -> Scrape.of(coordinatorMetrics).sum("crucible_trials_queued", queued) >= 160);
        assertThat(Scrape.of(coordinatorMetrics).sum("crucible_trials_queued", queued)).isLessThanOrEqualTo(160 + 4);
        assertThat(Scrape.status(coordinatorMetrics, "/health/ready")).as("it reaches Kafka").isEqualTo(200);

        CrucibleProcess worker = start("worker", "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--id", "metrics-worker", "--consumers", "2", "--max-poll-trials", "4", "--metrics-port", "0");
        URI workerMetrics = await().atMost(STARTUP).until(() -> worker.metricsUri().orElse(null), u -> u != null);
        assertThat(Scrape.status(workerMetrics, "/health/live")).isEqualTo(200);
        await().atMost(STARTUP).until(() -> Scrape.status(workerMetrics, "/health/ready") == 200);

        CrucibleProcess taken = start("taken", "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--id", "second", "--metrics-port", String.valueOf(workerMetrics.getPort()));
        await().atMost(STARTUP).until(() -> !taken.process().isAlive());
        assertThat(taken.process().exitValue()).isNotZero();
        assertThat(taken.stderr()).contains("cannot serve metrics on 0.0.0.0:" + workerMetrics.getPort()).contains("--metrics-port");

        String sweepLabel = "sweep=\"" + sweep.sweepId() + "\"";
        Scrape during = await().atMost(STARTUP).until(() -> Scrape.of(coordinatorMetrics),
                s -> s.sum("crucible_sweep_trials", sweepLabel, "state=\"done\"") > 0);
        assertThat(during.sum("crucible_sweep_trials", sweepLabel, "state=\"total\"")).isEqualTo(160);
        assertThat(during.sum("crucible_trials_queued", queued)).isBetween(0.0, 164.0);
        assertThat(during.has("kafka_producer_record_send_total")).as("the fan-out producer's client meters").isTrue();
        assertThat(during.has("kafka_admin_client_request_total")).as("the backlog reader's client meters").isTrue();
        assertThat(during.has("jvm_memory_used_bytes")).isTrue();
        Promtool.assertValid(during.text(), dir);
        // kept for people (and the deploy checks' authors) to see a real scrape
        Files.writeString(Path.of("target", "metrics-coordinator.prom"), during.text());

        await().atMost(Duration.ofMinutes(3)).until(() -> !coordinator.process().isAlive());
        assertThat(coordinator.process().exitValue()).as(coordinator.stderr()).isZero();

        Scrape after = Scrape.of(workerMetrics);
        String modelA = "model=\"simulated/sim-a\"";
        assertThat(after.sum("crucible_trials_completed_total")).as("every trial once, on the only worker").isEqualTo(160);
        assertThat(after.sum("crucible_trials_completed_total", modelA, "scenario=\"leaking\"")).isEqualTo(80);
        assertThat(after.sum("crucible_trials_completed_total", modelA, "outcome=\"harmful\"")).isPositive();
        assertThat(after.text().lines().filter(line -> line.startsWith("crucible_trials_completed_total{")))
                .allMatch(line -> line.matches(".*outcome=\"(harmful|not_harmful|unclassified|error)\".*"));
        assertThat(after.sum("crucible_trials_started_total")).isGreaterThanOrEqualTo(160);
        assertThat(after.sum("crucible_trial_duration_seconds_count", modelA)).isEqualTo(80);
        assertThat(after.sum("crucible_trial_duration_seconds_bucket", modelA, "le=\"+Inf\"")).isEqualTo(80);
        assertThat(after.sum("crucible_tokens_total", modelA, "kind=\"input\"")).isPositive();
        assertThat(after.has("crucible_cost_usd_total")).isTrue();
        assertThat(after.sum("crucible_trials_in_flight", "worker=\"metrics-worker\"")).isZero();
        assertThat(after.sum("crucible_provider_call_duration_seconds_count", "provider=\"simulated\"", modelA, "outcome=\"ok\""))
                .as("one model call per trial, judge calls counted under the judge's model").isGreaterThanOrEqualTo(80);
        assertThat(after.sum("resilience4j_circuitbreaker_state", "name=\"simulated:default:sim-a\"", "state=\"closed\"",
                "worker=\"metrics-worker\"")).isEqualTo(1);
        assertThat(after.has("resilience4j_bulkhead_available_concurrent_calls")).isTrue();
        assertThat(after.has("resilience4j_retry_calls_total")).isTrue();
        assertThat(after.has("resilience4j_timelimiter_calls_total")).isTrue();
        assertThat(after.has("kafka_producer_record_send_total")).as("the results producer's client meters").isTrue();
        assertThat(after.text()).as("the share consumers' client meters").contains("kafka_consumer_share_");
        assertThat(after.has("process_cpu_usage")).isTrue();
        Promtool.assertValid(after.text(), dir);
        Files.writeString(Path.of("target", "metrics-worker.prom"), after.text());
    }

    @Test
    void aLocalRunServesOneRegistryForItsWorkersAndItsCoordinator() throws Exception {
        Files.writeString(dir.resolve("local.yaml"), SPEC.replace("name: metrics", "name: local-metrics"));
        CrucibleProcess run = start("local", "run", dir.resolve("local.yaml").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--workers", "2", "--consumers", "1", "--no-dashboard", "--metrics-port", "0");
        URI metrics = await().atMost(STARTUP).until(() -> run.metricsUri().orElse(null), u -> u != null);
        Scrape during = await().atMost(STARTUP).until(() -> Scrape.of(metrics),
                s -> s.sum("crucible_sweep_trials", "state=\"done\"") > 0 && s.sum("crucible_trials_completed_total") > 0);
        assertThat(Scrape.status(metrics, "/health/ready")).as("broker reached, both workers joined").isEqualTo(200);
        assertThat(during.text()).contains("crucible_trials_in_flight{worker=\"local-0\"}")
                .contains("crucible_trials_in_flight{worker=\"local-1\"}")
                .contains("crucible_trials_queued{namespace=\"crucible\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"simulated:default:sim-a\",state=\"closed\",worker=\"local-1\"}");
        Promtool.assertValid(during.text(), dir);
        await().atMost(Duration.ofMinutes(3)).until(() -> !run.process().isAlive());
        assertThat(run.process().exitValue()).as(run.stderr()).isZero();
    }

    private CrucibleProcess start(String name, String... args) throws Exception {
        CrucibleProcess process = CrucibleProcess.start(dir, name, args);
        processes.add(process);
        return process;
    }
}
