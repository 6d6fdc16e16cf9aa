package dev.crucible.coordinator.dispatch;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.wire.Json;
import dev.crucible.common.wire.MalformedMessageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the sweeps topic: the latest committed manifest of a sweep is its state. */
public final class Manifests {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private Manifests() {
    }

    /** The sweep's latest committed manifest, or empty if the sweep was never started on this cluster. */
    public static Optional<SweepManifest> latest(String bootstrapServers, Topics topics, String sweepId) {
        return Optional.ofNullable(read(bootstrapServers, topics, sweepId).get(sweepId));
    }

    /** The latest committed manifest of every sweep of the namespace, by sweep ID in order. */
    public static Map<String, SweepManifest> all(String bootstrapServers, Topics topics) {
        return read(bootstrapServers, topics, null);
    }

    /** Latest manifests by sweep ID: of {@code onlySweep}, or of every sweep when it is null. */
    private static Map<String, SweepManifest> read(String bootstrapServers, Topics topics, String onlySweep) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "manifest-reader");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a checkpoint of a fan-out transaction that never committed never happened
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, SweepManifest> latest = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.sweeps(), READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return latest;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics.sweeps() + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> message : consumer.poll(Duration.ofMillis(200))) {
                    if (message.key() == null || message.value() == null || onlySweep != null && !onlySweep.equals(message.key())) {
                        continue;
                    }
                    try {
                        latest.put(message.key(), Json.read(message.value(), SweepManifest.class));
                    } catch (MalformedMessageException e) {
                        // a newer writer's shape we cannot read: the last one we can read stands
                    }
                }
            }
            return latest;
        }
    }
}
