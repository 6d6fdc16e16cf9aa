package dev.crucible.common.topic;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Names and configurations of every Kafka topic and group Crucible uses, under one namespace (default
 * {@code crucible}). A separate namespace gives a fully separate installation on the same cluster, which is
 * also how tests stay out of each other's way.
 *
 * <ul>
 *   <li>{@link #sweeps()}: the sweep manifest, compacted, keyed by sweep ID.</li>
 *   <li>{@link #trials()}: every sweep's trials, consumed by the workers' share group {@link #workerGroup()}.</li>
 *   <li>{@link #results(String)}: one compacted topic per sweep, keyed by trial ID.</li>
 *   <li>{@link #deadLetters()}: trials that exhausted their deliveries; the broker writes it (KIP-1191).</li>
 *   <li>{@link #control()}: sweep commands, budget raises, fleet-wide model pauses and progress reports,
 *       compacted, keyed by subject (see {@code ControlMessage}).</li>
 * </ul>
 */
public record Topics(String namespace, int trialPartitions, short replicationFactor) {
    public static final String DEFAULT_NAMESPACE = "crucible";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final long WEEK_MS = 7L * 24 * 60 * 60 * 1000;

    public Topics {
        Objects.requireNonNull(namespace, "namespace");
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("topic namespace '" + namespace + "' must match " + NAMESPACE);
        }
        if (trialPartitions < 1) {
            throw new IllegalArgumentException("trial partitions must be >= 1, got " + trialPartitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1, got " + replicationFactor);
        }
    }

    /**
     * Defaults for one broker. Trial partitions stay fewer than a typical fleet's consumers: a share-group
     * partition held by a hung consumer idles until its session times out (KAFKA-NOTES.md).
     */
    public static Topics defaults() {
        return new Topics(DEFAULT_NAMESPACE, 4, (short) 1);
    }

    public Topics withNamespace(String other) {
        return new Topics(other, trialPartitions, replicationFactor);
    }

    public Topics withReplicationFactor(short factor) {
        return new Topics(namespace, trialPartitions, factor);
    }

    public String sweeps() {
        return namespace + ".sweeps";
    }

    public String trials() {
        return namespace + ".trials";
    }

    public String results(String sweepId) {
        return namespace + ".results." + sweepId;
    }

    /** The broker requires share-group dead-letter topic names to start with {@code dlq.}. */
    public String deadLetters() {
        return "dlq." + namespace + ".trials";
    }

    public String control() {
        return namespace + ".control";
    }

    public String workerGroup() {
        return namespace + "-workers";
    }

    public NewTopic sweepsTopic() {
        return new NewTopic(sweeps(), 1, replicationFactor).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", minInsync()));
    }

    /**
     * One partition: a few messages per sweep and model, read whole by every process, in order. Compacted so that
     * only the latest of each key stays; a short segment lets the cleaner run while the sweeps it serves still do.
     */
    public NewTopic controlTopic() {
        return new NewTopic(control(), 1, replicationFactor).configs(Map.of(
                "cleanup.policy", "compact",
                "segment.ms", Long.toString(60L * 60 * 1000),
                "min.cleanable.dirty.ratio", "0.1",
                "min.insync.replicas", minInsync()));
    }

    public NewTopic trialsTopic() {
        return new NewTopic(trials(), trialPartitions, replicationFactor).configs(Map.of(
                "cleanup.policy", "delete",
                // a week covers a long sweep paused over a weekend; results, not trials, are the record
                "retention.ms", Long.toString(WEEK_MS),
                "compression.type", "producer",
                "min.insync.replicas", minInsync()));
    }

    public NewTopic resultsTopic(String sweepId) {
        return new NewTopic(results(sweepId), trialPartitions, replicationFactor).configs(Map.of(
                "cleanup.policy", "compact",
                "min.insync.replicas", minInsync()));
    }

    public NewTopic deadLettersTopic() {
        return new NewTopic(deadLetters(), 1, replicationFactor).configs(Map.of(
                "cleanup.policy", "delete",
                "retention.ms", Long.toString(4 * WEEK_MS),
                "errors.deadletterqueue.group.enable", "true",
                "min.insync.replicas", minInsync()));
    }

    private String minInsync() {
        return Integer.toString(replicationFactor >= 3 ? 2 : 1);
    }
}
