package dev.crucible.worker;

import dev.crucible.common.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a worker process runs. Immutable; validated on construction.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics           topic namespace and layout shared with the coordinator
 * @param workerId         names this worker in results and logs
 * @param consumers        share consumers in this worker, each on its own thread; many consumers with small
 *                         batches keep slow trials from stalling fast ones (KAFKA-NOTES.md, slot utilisation)
 * @param maxPollTrials    trials one consumer takes per poll ({@code max.poll.records})
 * @param pollTimeout      how long one poll waits for trials
 * @param clientOverrides  extra Kafka client properties applied last (tuning, security)
 * @param drainTimeout     how long {@code close()} lets trials in flight finish before it releases the rest to the
 *                         queue; the default 25 s stays below Kubernetes' 30 s termination grace period
 */
public record WorkerConfig(
        String bootstrapServers,
        Topics topics,
        String workerId,
        int consumers,
        int maxPollTrials,
        Duration pollTimeout,
        Map<String, Object> clientOverrides,
        Duration drainTimeout) {
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(25);

    public WorkerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (consumers < 1) {
            throw new IllegalArgumentException("consumers must be >= 1, got " + consumers);
        }
        if (maxPollTrials < 1) {
            throw new IllegalArgumentException("maxPollTrials must be >= 1, got " + maxPollTrials);
        }
        clientOverrides = clientOverrides == null ? Map.of() : Map.copyOf(clientOverrides);
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
        }
    }

    /** With the default drain timeout. */
    public WorkerConfig(String bootstrapServers, Topics topics, String workerId, int consumers, int maxPollTrials, Duration pollTimeout,
            Map<String, Object> clientOverrides) {
        this(bootstrapServers, topics, workerId, consumers, maxPollTrials, pollTimeout, clientOverrides, DEFAULT_DRAIN_TIMEOUT);
    }

    public static WorkerConfig defaults(String bootstrapServers, String workerId) {
        return new WorkerConfig(bootstrapServers, Topics.defaults(), workerId, 4, 100, Duration.ofMillis(200), Map.of(),
                DEFAULT_DRAIN_TIMEOUT);
    }

    public WorkerConfig withTopics(Topics other) {
        return new WorkerConfig(bootstrapServers, other, workerId, consumers, maxPollTrials, pollTimeout, clientOverrides, drainTimeout);
    }

    public WorkerConfig withConsumers(int count) {
        return new WorkerConfig(bootstrapServers, topics, workerId, count, maxPollTrials, pollTimeout, clientOverrides, drainTimeout);
    }

    public WorkerConfig withMaxPollTrials(int count) {
        return new WorkerConfig(bootstrapServers, topics, workerId, consumers, count, pollTimeout, clientOverrides, drainTimeout);
    }

    public WorkerConfig withDrainTimeout(Duration timeout) {
        return new WorkerConfig(bootstrapServers, topics, workerId, consumers, maxPollTrials, pollTimeout, clientOverrides, timeout);
    }
}
