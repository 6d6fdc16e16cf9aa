package dev.crucible.coordinator.cli;

import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.observe.MetricsConfig;
import dev.crucible.coordinator.observe.MetricsPortException;
import dev.crucible.coordinator.observe.Observability;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "worker", description = {
        "Runs a standalone worker against an existing Kafka cluster until stopped.",
        "SIGTERM/SIGINT: not ready at once, takes no new trial, lets trials in flight finish within --drain-timeout,",
        "releases the rest to the queue, closes cleanly and exits 0."})
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

    @Option(names = "--drain-timeout", defaultValue = "25", paramLabel = "SECONDS",
            description = "on SIGTERM, how long trials in flight may finish before the rest are released (default: ${DEFAULT-VALUE}, "
                    + "below Kubernetes' 30 s grace period)")
    long drainSeconds;

    @Mixin
    MetricsOptions metrics;

    @Override
    public Integer call() throws Exception {
        if (replicationFactor < 1) {
            System.err.println("crucible worker: --replication-factor must be >= 1");
            return Crucible.EXIT_INVALID_INPUT;
        }
        if (drainSeconds < 0) {
            System.err.println("crucible: --drain-timeout must be >= 0");
            return Crucible.EXIT_INVALID_INPUT;
        }
        String id = workerId != null ? workerId
                : InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        WorkerConfig config = WorkerConfig.defaults(bootstrap, id)
                .withTopics(Topics.defaults().withNamespace(namespace).withReplicationFactor(replicationFactor))
                .withConsumers(consumers)
                .withMaxPollTrials(maxPollTrials)
                .withDrainTimeout(Duration.ofSeconds(drainSeconds));
        Observability observability;
        try {
            observability = Observability.start(metrics.config(MetricsConfig.WORKER_PORT), System.out);
        } catch (MetricsPortException e) {
            System.err.println("crucible: " + e.getMessage());
            return Crucible.EXIT_FAILED;
        }
        Worker worker = Worker.start(config, ProviderRegistry.standard(), observability.registry());
        observability.readiness().require(worker::ready);
        AtomicBoolean finished = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(worker, observability, finished), "worker-shutdown"));
        System.out.printf("worker %s consuming %s as share group %s on %s%n", id, config.topics().trials(),
                config.topics().workerGroup(), bootstrap);
        worker.awaitTermination();
        finished.set(true);
        observability.close();
        return 0;
    }

    /**
     * SIGTERM/SIGINT: drain, then exit 0 — a drained worker stopped as asked; the JVM's own exit status after a
     * signal (143) would read as a failure to Kubernetes and to scripts. Does nothing when the worker ended by itself.
     */
    private static void stopOnSignal(Worker worker, Observability observability, AtomicBoolean finished) {
        if (finished.get()) {
            return;
        }
        System.out.printf("worker %s: stopping (drain)%n", worker.workerId());
        worker.close();
        System.out.printf("worker %s: stopped; %d trial(s) published%n", worker.workerId(), worker.trialsPublished());
        observability.close();
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }
}
