package dev.crucible.coordinator.cli;

import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Option;

/**
 * Where the commands that look at or steer a sweep find it (a picocli mixin): a cluster by {@code --bootstrap}, or
 * the embedded broker's data in the runs directory. A local {@code crucible run} holds that data while it runs; to
 * reach its sweep meanwhile, pass the address it printed ({@code embedded Kafka broker at ...}) as {@code --bootstrap}.
 */
final class ClusterOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the Kafka cluster the sweep runs on")
    String bootstrap;

    @Option(names = "--namespace", defaultValue = Topics.DEFAULT_NAMESPACE, description = "topic namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--runs-dir", defaultValue = "runs", description = "without --bootstrap: whose .kafka data to open (default: ${DEFAULT-VALUE})")
    Path runsDir;

    /** Work done on a reachable cluster. */
    @FunctionalInterface
    interface OnCluster {
        int run(String bootstrapServers, Topics topics) throws Exception;
    }

    Topics topics() {
        return Topics.defaults().withNamespace(namespace);
    }

    int on(OnCluster work) throws Exception {
        if (bootstrap != null) {
            return work.run(bootstrap, topics());
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(runsDir.resolve(".kafka"))) {
            return work.run(broker.bootstrapServers(), topics());
        }
    }

    /** The control topic, created with the other shared topics if this cluster has none yet, read to its end. */
    static ControlChannel control(String bootstrapServers, Topics topics, String clientId) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicSetup(admin, topics).ensureShared();
        }
        ControlChannel channel = ControlChannel.open(bootstrapServers, topics, clientId, Map.of());
        channel.awaitCaughtUp(Duration.ofSeconds(60));
        return channel;
    }

    /** Who runs this command: user and host, for the record of commands. */
    static String who() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "someone") + "@" + host;
    }
}
