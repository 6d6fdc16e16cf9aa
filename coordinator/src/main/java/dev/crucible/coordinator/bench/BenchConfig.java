package dev.crucible.coordinator.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code crucible bench} runs. Immutable; validated on construction.
 *
 * @param trials        trials in the timed sweep, and records ProducerPerformance sends
 * @param warmupTrials  trials of an untimed sweep run first on the same broker and workers (JIT, group
 *                      assignment, connections), 0 for none
 * @param workers       in-process workers
 * @param consumers     share consumers per worker
 * @param maxPollTrials trials one consumer takes per poll ({@code max.poll.records})
 * @param window        most trials outstanding (published, no result yet), as {@code crucible run --window}
 * @param runsDir       where the sweeps' results go and are kept; empty for a temporary directory deleted
 *                      afterwards
 * @param producerRuns  ProducerPerformance runs, each on a fresh topic; the median rate is the yardstick. The bare
 *                      Kafka trip is timed as many times, its median rate the ceiling
 * @param workerProperties Kafka client properties given to the workers' consumers and producer, applied last
 * @param brokerProperties properties of the embedded broker, over its defaults (it serves both measurements)
 */
public record BenchConfig(long trials, long warmupTrials, int workers, int consumers, int maxPollTrials, long window,
                          int producerRuns, Optional<Path> runsDir, Map<String, Object> workerProperties,
                          Map<String, String> brokerProperties) {

    public static final long DEFAULT_TRIALS = 100_000;
    public static final long DEFAULT_WARMUP_TRIALS = 100_000;
    public static final int DEFAULT_WORKERS = 2;
    public static final int DEFAULT_CONSUMERS = 2;
    public static final int DEFAULT_MAX_POLL_TRIALS = 1000;
    public static final long DEFAULT_WINDOW = 20_000;
    public static final int DEFAULT_PRODUCER_RUNS = 3;

    public BenchConfig {
        if (trials < 1 || trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trials must be in [1, " + Integer.MAX_VALUE + "], got " + trials);
        }
        if (warmupTrials < 0 || warmupTrials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("warm-up trials must be in [0, " + Integer.MAX_VALUE + "], got " + warmupTrials);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be >= 1, got " + consumers);
        }
        if (maxPollTrials < 1) {
            throw new IllegalArgumentException("max poll trials must be >= 1, got " + maxPollTrials);
        }
        if (producerRuns < 1) {
            throw new IllegalArgumentException("producer runs must be >= 1, got " + producerRuns);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        runsDir = runsDir == null ? Optional.empty() : runsDir;
        workerProperties = workerProperties == null ? Map.of() : Map.copyOf(workerProperties);
        brokerProperties = brokerProperties == null ? Map.of() : Map.copyOf(brokerProperties);
    }

    public static BenchConfig defaults() {
        return new BenchConfig(DEFAULT_TRIALS, DEFAULT_WARMUP_TRIALS, DEFAULT_WORKERS, DEFAULT_CONSUMERS,
                DEFAULT_MAX_POLL_TRIALS, DEFAULT_WINDOW, DEFAULT_PRODUCER_RUNS, Optional.empty(), Map.of(), Map.of());
    }
}
