package dev.crucible.coordinator.cli;

import dev.crucible.coordinator.bench.BenchConfig;
import dev.crucible.coordinator.bench.SweepBench;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = {
        "Measures sweep throughput against Kafka's ProducerPerformance on the embedded broker.",
        "Runs a zero-latency simulated sweep on a fresh in-process broker (temporary data, deleted afterwards),",
        "then the bare Kafka trip (the same trip by plain Kafka clients with the same settings, no Crucible work),",
        "then ProducerPerformance with the same record count, record size and producer settings as the fan-out,",
        "and prints trials/s, bare trips/s, records/s, the ratio trials/s ÷ records/s (the target), the bare trip's",
        "ratio (what this machine allows) and the sweep's share of the bare trip (what Crucible's work leaves).",
        "Exit code 0 when the ratio meets the target, 1 otherwise."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "" + BenchConfig.DEFAULT_TRIALS, description = "trials in the timed sweep, and the bare trip's and ProducerPerformance's record count (default: ${DEFAULT-VALUE})")
    long trials;

    @Option(names = "--warmup-trials", defaultValue = "" + BenchConfig.DEFAULT_WARMUP_TRIALS, description = "trials of an untimed sweep run first, and of an untimed bare trip; 0 for none (default: ${DEFAULT-VALUE})")
    long warmupTrials;

    @Option(names = "--workers", defaultValue = "" + BenchConfig.DEFAULT_WORKERS, description = "in-process workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--consumers", defaultValue = "" + BenchConfig.DEFAULT_CONSUMERS, description = "share consumers per worker (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--max-poll-trials", defaultValue = "" + BenchConfig.DEFAULT_MAX_POLL_TRIALS, description = "trials per consumer poll, max.poll.records (default: ${DEFAULT-VALUE}; `crucible worker` defaults to 100)")
    int maxPollTrials;

    @Option(names = "--window", defaultValue = "" + BenchConfig.DEFAULT_WINDOW, description = "most trials outstanding (published, no result yet) (default: ${DEFAULT-VALUE})")
    long window;

    @Option(names = "--producer-runs", defaultValue = "" + BenchConfig.DEFAULT_PRODUCER_RUNS, description = "ProducerPerformance runs, each on a fresh topic, and timed bare trips as many; the median of each counts (default: ${DEFAULT-VALUE})")
    int producerRuns;

    @Option(names = "--worker-property", paramLabel = "KEY=VALUE", description = "a Kafka client property for the workers' consumers and results producer, and the bare trip's (repeatable)")
    Map<String, String> workerProperties = new LinkedHashMap<>();

    @Option(names = "--broker-property", paramLabel = "KEY=VALUE", description = "a property of the embedded broker, which serves both measurements (repeatable)")
    Map<String, String> brokerProperties = new LinkedHashMap<>();

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "keep the sweeps' results here (default: a temporary directory, deleted afterwards)")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        BenchConfig config;
        try {
            config = new BenchConfig(trials, warmupTrials, workers, consumers, maxPollTrials, window, producerRuns, Optional.ofNullable(runsDir),
                    Map.copyOf(workerProperties), Map.copyOf(brokerProperties));
        } catch (IllegalArgumentException e) {
            System.err.println("crucible: " + e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        return new SweepBench(config, System.out).run() ? 0 : Crucible.EXIT_FAILED;
    }
}
