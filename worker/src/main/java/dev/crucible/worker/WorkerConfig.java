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
 */
public record WorkerConfig(
        String bootstrapServers,
        Topics topics,
        String workerId,
        int consumers,
        int maxPollTrials,
        Duration pollTimeout,
        Map<String, Object> clientOverrides) {

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
    }

    public static WorkerConfig defaults(String bootstrapServers, String workerId) {
        return new WorkerConfig(bootstrapServers, Topics.defaults(), workerId, 4, 100, Duration.ofMillis(200), Map.of());
    }

    public WorkerConfig withTopics(Topics other) {
        return new WorkerConfig(bootstrapServers, other, workerId, consumers, maxPollTrials, pollTimeout, clientOverrides);
    }

    public WorkerConfig withConsumers(int count) {
        return new WorkerConfig(bootstrapServers, topics, workerId, count, maxPollTrials, pollTimeout, clientOverrides);
    }

    public WorkerConfig withMaxPollTrials(int count) {
        return new WorkerConfig(bootstrapServers, topics, workerId, consumers, count, pollTimeout, clientOverrides);
    }
}
