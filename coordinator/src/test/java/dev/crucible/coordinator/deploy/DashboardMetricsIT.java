package dev.crucible.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.testing.CrucibleProcess;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.Scrape;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric that deploy/ reads — the Grafana dashboard's panels and variables, the Prometheus rules, the KEDA
 * autoscaler's query — is one that Crucible's processes really export: a worker process and a coordinator process
 * run a small sweep (one model over HTTP on mock-llm, rate limited so that 429s and retries happen; one simulated
 * model some of whose trials crash every attempt, so that attempts fail and trials are dead-lettered), and each name
 * must appear in the scrape of one of them. A meter that only appears once something happens counts only if it
 * does here: a dashboard query on a name nothing exports would stay empty for ever without anyone noticing.
 */
@ExtendWith(KafkaBroker.class)
class DashboardMetricsIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final String namespace = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<CrucibleProcess> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        processes.forEach(p -> p.process().destroyForcibly());
    }

    @Test
    void everyMetricTheDashboardRulesAndAutoscalerReadIsExported(KafkaBroker.Connection kafka) throws Exception {
        JsonNode wanted = metricsReadByDeploy();
        // two requests a second, two at once: bursts of the sweep's calls are answered 429, retried, then answered
        try (MockLlmServer mock = MockLlmServer.start(MockLlmConfig.defaults().withPort(0).withRequestsPerMinute(120).withBurst(2))) {
            Path spec = Files.writeString(dir.resolve("deploy-metrics.yaml"), """
                    name: deploy-metrics
                    samples: 6
                    scenarios: [blackmail]
                    conditions: {goal_type: [explicit, none], goal_value: [safety], urgency: [replacement, none]}
                    models:
                      - provider: openai-compatible
                        name: mock-model
                        parameters: {base_url: "%s/v1", requests_per_minute: 6000}
                      - provider: simulated
                        name: sim-a
                        parameters: {harm_rate: 0.5, latency_ms: 100, crash_rate: 0.25}
                    classifiers:
                      judge: {provider: simulated, name: judge}
                    """.formatted(mock.baseUrl()));
            CrucibleProcess worker = start("worker", "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                    "--id", "deploy-worker", "--metrics-port", "0");
            URI workerMetrics = metricsOf(worker);
            // the worker Deployment's probes answer 200 on a running worker
            JsonNode workerContainer = container("Deployment", "crucible-worker");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = workerContainer.path(probe).path("httpGet").path("path").asText();
                await().atMost(STARTUP).until(() -> Scrape.status(workerMetrics, path) == 200);
            }
            CrucibleProcess coordinator = start("coordinator", "run", spec.toString(), "--bootstrap", kafka.bootstrapServers(),
                    "--namespace", namespace, "--runs-dir", dir.resolve("runs").toString(), "--no-dashboard", "--metrics-port", "0");
            URI coordinatorMetrics = metricsOf(coordinator);

            // the coordinator's meters exist only while its sweep runs
            Scrape coordinatorScrape = await().atMost(STARTUP).until(() -> Scrape.of(coordinatorMetrics),
                    s -> s.has("crucible_trials_queued") && s.has("crucible_sweep_trials"));
            String coordinatorLiveness = container("Job", "crucible-sweep-blackmail-pilot").path("livenessProbe").path("httpGet")
                    .path("path").asText();
            assertThat(Scrape.status(coordinatorMetrics, coordinatorLiveness)).isEqualTo(200);
            await().atMost(Duration.ofMinutes(3)).until(() -> !coordinator.process().isAlive());
            assertThat(coordinator.process().exitValue()).as(coordinator.stderr()).isZero();
            Scrape workerScrape = Scrape.of(workerMetrics);

            assertThat(mock.stats().rateLimited()).as("mock-llm answered some calls 429").isPositive();
            Set<String> missing = new TreeSet<>();
            for (String section : List.of("dashboard", "rules", "autoscaling")) {
                for (JsonNode name : wanted.path(section)) {
                    if (!workerScrape.has(name.asText()) && !coordinatorScrape.has(name.asText())) {
                        missing.add(section + ": " + name.asText());
                    }
                }
            }
            assertThat(missing).as("metrics deploy/ reads that neither process exports").isEmpty();
            // the autoscaler's label is the coordinator's: its query selects namespace="<the topic namespace>"
            assertThat(coordinatorScrape.text()).contains("crucible_trials_queued{namespace=\"" + namespace + "\"");
        }
    }

    /** What the validator's PromQL parser finds in the dashboard, the rules and the autoscaler's queries. */
    private static JsonNode metricsReadByDeploy() throws Exception {
        DeployFiles.NodeRun run = DeployFiles.validator("--metrics", DeployFiles.dir().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode metrics = DeployFiles.JSON.readTree(run.out());
        assertThat(metrics.path("dashboard").size()).isGreaterThan(10);
        assertThat(metrics.path("autoscaling").size()).isEqualTo(1);
        return metrics;
    }

    /** The address a process printed for its /metrics; fails with its output if it exits first. */
    private static URI metricsOf(CrucibleProcess process) throws Exception {
        await().atMost(STARTUP).until(() -> process.metricsUri().isPresent() || !process.process().isAlive());
        assertThat(process.metricsUri()).as("%s%n%s", process.stdout(), process.stderr()).isPresent();
        return process.metricsUri().orElseThrow();
    }

    private static JsonNode container(String kind, String name) {
        return DeployFiles.kubernetesObject(kind, name).path("spec").path("template").path("spec").path("containers").get(0);
    }

    private CrucibleProcess start(String name, String... args) throws Exception {
        CrucibleProcess process = CrucibleProcess.start(dir, name, args);
        processes.add(process);
        return process;
    }
}
