package dev.crucible.coordinator.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/** How much disk a topic takes on the brokers (one replica of each partition: what a reader has to fetch). */
final class TopicSizes {
    private TopicSizes() {
    }

    /** Bytes of {@code topic}'s log segments, the largest replica of each partition summed; -1 if the brokers do not say. */
    static long bytes(String bootstrap, String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            Map<TopicPartition, Long> largest = new HashMap<>();
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    dir.replicaInfos().forEach((partition, replica) -> {
                        if (partition.topic().equals(topic)) {
                            largest.merge(partition, replica.size(), Math::max);
                        }
                    });
                }
            }
            return largest.isEmpty() ? -1 : largest.values().stream().mapToLong(Long::longValue).sum();
        } catch (ExecutionException e) {
            return -1;
        }
    }
}
