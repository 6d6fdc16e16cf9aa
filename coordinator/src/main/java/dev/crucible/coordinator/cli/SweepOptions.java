package dev.crucible.coordinator.cli;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepState;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.coordinator.dashboard.DashboardConfig;
import dev.crucible.coordinator.progress.ProgressReporter;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.coordinator.observe.MetricsConfig;
import dev.crucible.coordinator.observe.MetricsPortException;
import dev.crucible.coordinator.observe.Observability;
import dev.crucible.coordinator.observe.TrialBacklog;
import dev.crucible.coordinator.report.Summary;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where and how a sweep runs, shared by {@code run} and {@code resume}: against an existing cluster, or on the
 * embedded broker (whose data in the runs directory outlives the process, so a sweep can be resumed).
 */
final class SweepOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "an existing Kafka cluster; its workers run as their own processes (`crucible worker`)")
    String bootstrap;

    @Option(names = "--workers", defaultValue = "2", description = "in-process workers when no --bootstrap is given (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--consumers", defaultValue = "4", description = "share consumers per in-process worker (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = "--runs-dir", defaultValue = "runs", description = "where results and the embedded broker's data go (default: ${DEFAULT-VALUE})")
    Path runsDir;

    @Option(names = "--namespace", defaultValue = Topics.DEFAULT_NAMESPACE, description = "topic namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--replication-factor", defaultValue = "1", description = Replication.DESCRIPTION)
    short replicationFactor;

    @Option(names = "--window", defaultValue = "20000", description = "most trials outstanding (published, no result yet) (default: ${DEFAULT-VALUE})")
    long window;

    @Option(names = "--dashboard-port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "port of the live dashboard, 0 for any free port (default: ${DEFAULT-VALUE})")
    int dashboardPort;

    @Option(names = "--dashboard-bind", defaultValue = DashboardConfig.DEFAULT_BIND,
            description = "address the live dashboard listens on (default: ${DEFAULT-VALUE}: this machine only)")
    String dashboardBind;

    @Option(names = "--no-dashboard", description = "serve no live dashboard")
    boolean noDashboard;

    @Mixin
    MetricsOptions metrics;

    /** Finds the sweep to run once the cluster is reachable; {@link InvalidInputException} means nothing ran. */
    @FunctionalInterface
    interface SweepSource {
        Sweep sweep(String bootstrapServers, Topics topics) throws InvalidInputException, InterruptedException;
    }

    /** A user error found before anything was published: exit code 2. */
    static final class InvalidInputException extends Exception {
        InvalidInputException(String message) {
            super(message);
        }
    }

    int run(PrintStream out, SweepSource source) throws Exception {
        return run(out, source, false);
    }

    /** @param retryFailed publish trials whose result is an error again ({@code resume --retry-failed}) */
    int run(PrintStream out, SweepSource source, boolean retryFailed) throws Exception {
        if (workers < 0 || bootstrap == null && workers == 0) {
            System.err.println("crucible: --workers must be >= 1 without --bootstrap (nobody would run the trials)");
            return Crucible.EXIT_INVALID_INPUT;
        }
        if (replicationFactor < 1) {
            System.err.println("crucible: --replication-factor must be >= 1");
            return Crucible.EXIT_INVALID_INPUT;
        }
        Topics topics = Topics.defaults().withNamespace(namespace).withReplicationFactor(replicationFactor);
        Observability observability;
        try {
            observability = Observability.start(metrics.config(MetricsConfig.COORDINATOR_PORT), out);
        } catch (MetricsPortException e) {
            System.err.println("crucible: " + e.getMessage());
            return Crucible.EXIT_FAILED;
        }
        try (observability) {
            return run(out, source, topics, observability, retryFailed);
        }
    }

    private int run(PrintStream out, SweepSource source, Topics topics, Observability observability, boolean retryFailed)
            throws Exception {
        try {
            if (bootstrap != null) {
                return runOn(bootstrap, topics, source, out, observability, retryFailed);
            }
            long started = System.nanoTime();
            try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(runsDir.resolve(".kafka"))) {
                out.printf("embedded Kafka broker at %s (data in %s), started in %.1f s%n", broker.bootstrapServers(),
                        runsDir.resolve(".kafka"), (System.nanoTime() - started) / 1e9);
                List<Worker> running = new ArrayList<>();
                try {
                    for (int i = 0; i < workers; i++) {
                        Worker worker = Worker.start(WorkerConfig.defaults(broker.bootstrapServers(), "local-" + i)
                                .withTopics(topics).withConsumers(consumers), ProviderRegistry.standard(), observability.registry());
                        observability.readiness().require(worker::ready);
                        running.add(worker);
                    }
                    return runOn(broker.bootstrapServers(), topics, source, out, observability, retryFailed);
                } finally {
                    running.forEach(Worker::close);
                }
            }
        } catch (InvalidInputException e) {
            System.err.println("crucible: " + e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
    }

    private int runOn(String bootstrapServers, Topics topics, SweepSource source, PrintStream out, Observability observability,
            boolean retryFailed) throws Exception {
        try (TrialBacklog backlog = TrialBacklog.start(bootstrapServers, topics, TrialBacklog.DEFAULT_REFRESH, observability.registry())) {
            // the coordinator is ready once it reaches the cluster (and, in a local run, its workers have joined)
            observability.readiness().require(backlog::reachable);
            return runOn(bootstrapServers, topics, source, out, observability.registry(), retryFailed);
        }
    }

    private int runOn(String bootstrapServers, Topics topics, SweepSource source, PrintStream out, MeterRegistry meters,
            boolean retryFailed) throws Exception {
        Sweep sweep = source.sweep(bootstrapServers, topics);
        out.printf("sweep %s: %d trials (%d conditions × %d models × %d samples)%n", sweep.sweepId(), sweep.trialCount(),
                sweep.spec().space().size(), sweep.spec().models().size(), sweep.spec().samples());
        SweepRunner.Outcome outcome = new SweepRunner(bootstrapServers, topics, runsDir, window, out)
                .withLiveViews(ProgressReporter.detect(out), noDashboard ? null : new DashboardConfig(dashboardBind, dashboardPort))
                .withMeters(meters)
                .run(sweep, retryFailed);
        if (outcome.state() != SweepState.COMPLETED) {
            return stopped(outcome, out);
        }
        outcome.summary().print(out);
        out.println();
        long deadLetters = outcome.summary().deadLetters();
        out.printf("%d trials counted (%d errors, %d dead-lettered, %d duplicate results ignored); wrote %s and %s%n",
                outcome.sweep().trialCount(), outcome.errors(), deadLetters, outcome.duplicates(),
                outcome.directory().resolve("results.jsonl"), outcome.directory().resolve("summary.csv"));
        out.printf("report: %s%n", outcome.directory().resolve("report.html").toAbsolutePath().toUri());
        if (deadLetters > 0) {
            out.printf("dead-lettered trials are in %s; `crucible dlq replay %s` publishes them again%n",
                    outcome.directory().resolve("dead-letters.jsonl"), outcome.sweep().sweepId());
        }
        printCost(outcome, out);
        if (outcome.summary().simulated()) {
            out.println(Summary.SIMULATED_BANNER);
        }
        return Crucible.EXIT_COMPLETED;
    }

    /** A paused or cancelled sweep: what is finished is in the outputs; the exit code says which. */
    private static int stopped(SweepRunner.Outcome outcome, PrintStream out) {
        String id = outcome.sweep().sweepId();
        out.printf("sweep %s is %s: %s%n", id, outcome.state().token(), outcome.message());
        out.printf("%d of %d trials finished (%d errors, %d skipped); outputs of what is finished: %s%n", outcome.summary().done(),
                outcome.sweep().trialCount(), outcome.errors(), outcome.skipped(), outcome.directory().toAbsolutePath());
        if (outcome.summary().simulated()) {
            out.println(Summary.SIMULATED_BANNER);
        }
        if (outcome.state() == SweepState.PAUSED) {
            out.printf("`crucible resume %s` continues it; `crucible status %s` shows where it stands%n", id, id);
            return Crucible.EXIT_PAUSED;
        }
        return Crucible.EXIT_CANCELLED;
    }

    private static void printCost(SweepRunner.Outcome outcome, PrintStream out) {
        outcome.summary().spend().forEach(s -> out.printf(java.util.Locale.ROOT, "%s: %,d input, %,d output, %,d reasoning tokens; %s%n",
                s.model(), s.inputTokens(), s.outputTokens(), s.reasoningTokens(),
                s.simulated() ? "$0 (SIMULATED: made-up tokens cost nothing)"
                        : s.costUsd() == null ? "cost unknown (no price in the spec)" : String.format(java.util.Locale.ROOT, "$%.4f", s.costUsd())));
    }
}
