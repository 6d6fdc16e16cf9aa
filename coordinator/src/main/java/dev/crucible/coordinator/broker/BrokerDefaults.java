package dev.crucible.coordinator.broker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings Crucible runs Kafka with that are not about one node's identity, ports or directories: internal
 * topics sized to the cluster, share-group limits sized for LLM calls, small-heap cleaner buffers. The same for the
 * embedded single node, every node of a {@code crucible broker} cluster and a containerised test broker.
 */
public final class BrokerDefaults {

    private BrokerDefaults() {
    }

    /** The settings of a one-node cluster: the embedded broker of local runs and of the test suite. */
    public static Map<String, String> singleNode() {
        return forCluster(1);
    }

    /**
     * The settings of every node of a cluster of {@code nodes} brokers. Internal topics (consumer offsets, share-group
     * state, transactions) get {@code min(nodes, 3)} replicas, and with three replicas a minimum of two in sync: one
     * broker of three may die without losing a write that was acknowledged or refusing new ones.
     */
    public static Map<String, String> forCluster(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster has at least one node, got " + nodes);
        }
        String replicas = Integer.toString(Math.min(nodes, 3));
        String minInsync = Integer.toString(nodes >= 3 ? 2 : 1);
        // 50 partitions per internal topic (the default) only slow the first use of a group; one per node spreads
        // the group and share coordinators over the cluster.
        String internalPartitions = Integer.toString(nodes);
        Map<String, String> config = new LinkedHashMap<>();
        for (String topic : new String[] {"offsets.topic", "share.coordinator.state.topic"}) {
            config.put(topic + ".replication.factor", replicas);
            config.put(topic + ".num.partitions", internalPartitions);
        }
        config.put("share.coordinator.state.topic.min.isr", minInsync);
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", minInsync);
        config.put("transaction.state.log.num.partitions", internalPartitions);
        // topics created without their own setting, __consumer_offsets among them
        config.put("min.insync.replicas", minInsync);
        config.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner allocates this buffer on the heap up front; the 128 MiB default dwarfs the broker itself.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // A misspelt topic name must fail loudly rather than create an empty topic nobody consumes.
        config.put("auto.create.topics.enable", "false");
        // Share groups spread one partition over all their consumers, and a partition held by a hung consumer
        // idles until its session times out, so fewer partitions than consumers is the safe default.
        config.put("num.partitions", "1");
        // A group may only ask for record locks up to this bound; a long LLM call must not outlive its lock.
        config.put("group.share.max.record.lock.duration.ms", String.valueOf(Duration.ofMinutes(10).toMillis()));
        // lets a group choose short locks, so trials of a killed worker come back in seconds (fault tests)
        config.put("group.share.min.record.lock.duration.ms", "1000");
        // a dead worker's partitions sit idle until its session times out (45 s by default): local workers
        // heartbeat every second, so ten seconds is ample
        config.put("group.share.min.session.timeout.ms", "6000");
        config.put("group.share.session.timeout.ms", "10000");
        // A share consumer receives its assignment on a heartbeat; the 5 s default made a new consumer wait
        // about 5 s for its first trial, 1 s brings that to about 1 s.
        config.put("group.share.min.heartbeat.interval.ms", "1000");
        config.put("group.share.heartbeat.interval.ms", "1000");
        return config;
    }
}
