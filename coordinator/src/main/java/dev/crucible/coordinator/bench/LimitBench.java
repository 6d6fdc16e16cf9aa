package dev.crucible.coordinator.bench;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.mockllm.LatencyDistribution;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The limits benchmark: worker processes against mock-llm enforcing one request limit (rate-limit use and
 * share of 429s), and one worker under long-tailed latency (slot utilisation). Numbers are printed, never
 * asserted: they depend on the machine.
 */
public final class LimitBench {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** One run's figures over its measured window. */
    public record RateRun(int workers, double limitPerMinute, double achievedPerMinute, long requests, long rateLimited) {
        public double use() {
            return achievedPerMinute / limitPerMinute;
        }

        public double share429() {
            return requests == 0 ? 0 : (double) rateLimited / requests;
        }
    }

    public record SlotRun(int slots, double meanBusy, long samples, long answered) {
        public double utilisation() {
            return meanBusy / slots;
        }
    }

    private final String bootstrap;
    private final Path jar;
    private final Path runsDir;

    public LimitBench(String bootstrap, Path jar, Path runsDir) {
        this.bootstrap = bootstrap;
        this.jar = jar;
        this.runsDir = runsDir;
    }

    /**
     * {@code workers} worker processes share one limit of {@code perMinute}; the window starts {@code warmupS}
     * after the first request and lasts {@code seconds}.
     */
    public RateRun rateLimit(int workers, double perMinute, LatencyDistribution latency, int seconds, int warmupS) throws Exception {
        String namespace = "bench-limits-" + workers + "-" + UUID.randomUUID().toString().substring(0, 6);
        Topics topics = Topics.defaults().withNamespace(namespace);
        try (MockLlmServer mock = MockLlmServer.start(MockLlmConfig.defaults().withRequestsPerMinute(perMinute).withLatency(latency))) {
            List<Process> processes = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    processes.add(startWorker(namespace, "bw" + i));
                }
                awaitWorkers(topics.workerGroup(), workers);
                // every worker recounts the fleet within its refresh; let all of them see the full count
                Thread.sleep(5_000);
                long trials = Math.round(perMinute / 60 * (warmupS + seconds + 4));
                Thread runner = runSweep(topics, spec(namespace, mock, "requests_per_minute: " + perMinute, Math.max(1, trials / 2)));
                awaitFirstRequest(mock);
                Thread.sleep(warmupS * 1000L);
                MockLlmServer.Stats start = mock.stats();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                MockLlmServer.Stats end = mock.stats();
                double minutes = (System.nanoTime() - t0) / 60e9;
                runner.join(120_000);
                return new RateRun(workers, perMinute, (end.answered() - start.answered()) / minutes, end.requests() - start.requests(),
                        end.rateLimited() - start.rateLimited());
            } finally {
                processes.forEach(Process::destroy);
                for (Process p : processes) {
                    if (!p.waitFor(30, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    /** One in-process worker, no limit, {@code slots} calls at once, latency drawn from {@code latency}. */
    public SlotRun slots(int slots, LatencyDistribution latency, int seconds, int warmupS) throws Exception {
        String namespace = "bench-slots-" + UUID.randomUUID().toString().substring(0, 6);
        Topics topics = Topics.defaults().withNamespace(namespace);
        try (MockLlmServer mock = MockLlmServer.start(MockLlmConfig.defaults().withLatency(latency));
             Worker worker = Worker.start(WorkerConfig.defaults(bootstrap, "slots").withTopics(topics).withConsumers(4)
                     // trials held well above the slots: a batch waiting on its slowest call must not leave slots idle
                     .withMaxPollTrials(Math.max(8, 2 * slots)), ProviderRegistry.standard())) {
            // enough trials to keep the slots full for the whole window: slots / mean latency, with margin
            long trials = Math.round(slots * (warmupS + seconds + 10) * 1000.0 / Math.max(1, meanMillis(latency)) * 1.1);
            Thread runner = runSweep(topics, spec(namespace, mock, "max_concurrent_calls: " + slots, Math.max(1, trials / 2)));
            awaitFirstRequest(mock);
            Thread.sleep(warmupS * 1000L);
            long answered = mock.stats().answered();
            long samples = 0;
            long busy = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                busy += worker.callsInFlight();
                samples++;
                Thread.sleep(10);
            }
            answered = mock.stats().answered() - answered;
            runner.interrupt();
            runner.join(30_000);
            return new SlotRun(slots, (double) busy / samples, samples, answered);
        }
    }

    private static double meanMillis(LatencyDistribution latency) {
        double mean = switch (latency.shape()) {
            case FIXED -> latency.low();
            case UNIFORM -> (latency.low() + latency.high()) / 2;
            case LOGNORMAL -> {
                double sigma = (Math.log(latency.high()) - Math.log(latency.low())) / (2 * 1.959964);
                yield Math.sqrt(latency.low() * latency.high()) * Math.exp(sigma * sigma / 2);
            }
        };
        return mean * latency.scale();
    }

    /** One OpenAI-compatible model on mock-llm over two conditions, so trials = 2 × samples. */
    private static String spec(String name, MockLlmServer mock, String policy, long samples) {
        return """
                name: %s
                samples: %d
                scenarios: [blackmail]
                conditions: {goal_type: [none], urgency: [replacement, none]}
                models:
                  - provider: openai-compatible
                    name: bench-model
                    parameters: {base_url: "%s/v1", %s, max_attempts: 1}
                """.formatted(name, samples, mock.baseUrl(), policy);
    }

    private Thread runSweep(Topics topics, String yaml) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("bench.yaml", yaml));
        SweepRunner runner = new SweepRunner(bootstrap, topics, runsDir, 100_000, QUIET);
        return Thread.ofPlatform().daemon().name("bench-sweep").start(() -> {
            try {
                runner.run(sweep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Process startWorker(String namespace, String id) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "worker", "--bootstrap", bootstrap, "--namespace", namespace, "--id", id,
                "--consumers", "2", "--max-poll-trials", "20"));
        return new ProcessBuilder(command).redirectOutput(runsDir.resolve(id + "-" + namespace + ".out").toFile())
                .redirectError(runsDir.resolve(id + "-" + namespace + ".err").toFile()).start();
    }

    private void awaitWorkers(String group, int workers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                try {
                    var description = admin.describeShareGroups(List.of(group)).describedGroups().get(group).get(5, TimeUnit.SECONDS);
                    long seen = description.members().stream().map(m -> m.clientId().replaceFirst("-trials-\\d+$", "")).distinct().count();
                    if (seen >= workers) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    // the group does not exist until the first worker joins
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException(workers + " workers did not join share group " + group + " within 2 minutes");
        }
    }

    private static void awaitFirstRequest(MockLlmServer mock) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (mock.stats().requests() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no request reached mock-llm within 2 minutes");
            }
            Thread.sleep(50);
        }
    }
}
