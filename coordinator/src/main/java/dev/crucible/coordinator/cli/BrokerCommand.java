package dev.crucible.coordinator.cli;

import dev.crucible.coordinator.broker.ClusterNode;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", description = {
        "Runs one Kafka 4.4 KRaft node (broker and controller in one process, share groups enabled) until stopped (SIGTERM).",
        "Formats --data-dir the first time and reuses it afterwards. A cluster of N nodes: start N of these with the same",
        "--controller-quorum and each its own --node-id, ports and data directory (deploy/local-cluster does so)."})
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--node-id", defaultValue = "1", description = "this node's id, one of the quorum's (default: ${DEFAULT-VALUE})")
    int nodeId;

    @Option(names = "--controller-quorum", paramLabel = "ID@HOST:PORT,...",
            description = "every controller of the cluster (default: this node alone, a one-node cluster)")
    String quorum;

    @Option(names = "--listener-port", defaultValue = "9092", description = "clients' port (default: ${DEFAULT-VALUE})")
    int listenerPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--data-dir", required = true, description = "metadata log and topic data; formatted once, then reused")
    Path dataDir;

    @Option(names = "--advertised-host", defaultValue = "127.0.0.1",
            description = "host clients and the other nodes connect to (default: ${DEFAULT-VALUE})")
    String advertisedHost;

    @Option(names = "--bind", paramLabel = "ADDR", description = "address the listeners bind to (default: the advertised host)")
    String bind;

    @Option(names = "--cluster-id", description = "cluster ID to format with (default: derived from the quorum, the same on every node)")
    String clusterId;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "a broker property over Crucible's defaults (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--start-timeout", defaultValue = "PT3M",
            description = "how long to wait for the node to answer clients, e.g. PT3M: a node waits for a majority of its quorum (default: ${DEFAULT-VALUE})")
    Duration startTimeout;

    @Override
    public Integer call() throws Exception {
        ClusterNode node;
        EmbeddedKafkaBroker.Settings settings;
        try {
            node = node();
            settings = new EmbeddedKafkaBroker.Settings(overrides, startTimeout);
        } catch (IllegalArgumentException e) {
            System.err.println("crucible broker: " + e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(node, settings);
        } catch (EmbeddedKafkaBroker.StartupException e) {
            System.err.println("crucible broker: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            return Crucible.EXIT_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM/SIGINT: a controlled shutdown hands this node's partition leadership to the others first
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.printf("kafka node %d of %d ready at %s (cluster %s, data in %s)%n", node.nodeId(), node.clusterSize(),
                broker.bootstrapServers(), node.clusterId(), broker.dataDir());
        System.out.flush();
        stopped.await();
        return 0;
    }

    ClusterNode node() {
        List<ClusterNode.Voter> voters = quorum == null
                ? List.of(new ClusterNode.Voter(nodeId, advertisedHost, controllerPort))
                : ClusterNode.parseQuorum(quorum);
        ClusterNode node = ClusterNode.of(nodeId, voters, advertisedHost, listenerPort, controllerPort, dataDir.toAbsolutePath().normalize());
        if (bind != null) {
            node = node.withBindHost(bind);
        }
        return clusterId == null ? node : node.withClusterId(clusterId);
    }
}
