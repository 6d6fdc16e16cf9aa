package dev.crucible.coordinator.cli;

import dev.crucible.common.topic.Topics;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "worker", description = "Runs a standalone worker against an existing Kafka cluster until stopped (SIGINT/SIGTERM).")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers")
    String bootstrap;

    @Option(names = "--consumers", defaultValue = "4", description = "share consumers in this worker (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--max-poll-trials", defaultValue = "100", description = "trials one consumer takes per poll (default: ${DEFAULT-VALUE})")
    int maxPollTrials;

    @Option(names = "--namespace", defaultValue = Topics.DEFAULT_NAMESPACE, description = "topic namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--replication-factor", defaultValue = "1", description = Replication.DESCRIPTION)
    short replicationFactor;

    @Option(names = "--id", description = "worker ID in results and logs (default: host-pid)")
    String workerId;

    @Override
    public Integer call() throws Exception {
        if (replicationFactor < 1) {
            System.err.println("crucible worker: --replication-factor must be >= 1");
            return Crucible.EXIT_INVALID_INPUT;
        }
        String id = workerId != null ? workerId
                : InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        WorkerConfig config = WorkerConfig.defaults(bootstrap, id)
                .withTopics(Topics.defaults().withNamespace(namespace).withReplicationFactor(replicationFactor))
                .withConsumers(consumers)
                .withMaxPollTrials(maxPollTrials);
        Worker worker = Worker.start(config, ProviderRegistry.standard());
        // SIGTERM/SIGINT: finish and acknowledge what is in flight, then leave the group
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "worker-shutdown"));
        System.out.printf("worker %s consuming %s as share group %s on %s%n", id, config.topics().trials(),
                config.topics().workerGroup(), bootstrap);
        worker.awaitTermination();
        return 0;
    }
}
