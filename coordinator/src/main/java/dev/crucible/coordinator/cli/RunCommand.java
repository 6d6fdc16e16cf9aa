package dev.crucible.coordinator.cli;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.coordinator.report.Summary;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Runs a sweep spec to completion and writes runs/<sweepId>/results.jsonl and summary.csv.",
        "Without --bootstrap: starts an in-process Kafka broker (data in <runs-dir>/.kafka, kept for resuming) and in-process workers."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep spec (YAML)")
    Path spec;

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

    @Option(names = "--window", defaultValue = "20000", description = "most trials outstanding (published, no result yet) (default: ${DEFAULT-VALUE})")
    long window;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        SweepSpec sweepSpec;
        try {
            sweepSpec = SpecLoader.load(spec);
        } catch (SpecException e) {
            System.err.println("crucible: invalid sweep spec, nothing was published:");
            System.err.println(e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        if (workers < 0 || bootstrap == null && workers == 0) {
            System.err.println("crucible: --workers must be >= 1 without --bootstrap (nobody would run the trials)");
            return Crucible.EXIT_INVALID_INPUT;
        }
        Sweep sweep = Sweep.of(sweepSpec);
        Topics topics = Topics.defaults().withNamespace(namespace);
        out.printf("sweep %s: %d trials (%d conditions × %d models × %d samples)%n", sweep.sweepId(), sweep.trialCount(),
                sweepSpec.space().size(), sweepSpec.models().size(), sweepSpec.samples());
        if (bootstrap != null) {
            return report(new SweepRunner(bootstrap, topics, runsDir, window, out).run(sweep), out);
        }
        long started = System.nanoTime();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(runsDir.resolve(".kafka"))) {
            out.printf("embedded Kafka broker at %s (data in %s), started in %.1f s%n", broker.bootstrapServers(),
                    runsDir.resolve(".kafka"), (System.nanoTime() - started) / 1e9);
            List<Worker> running = new ArrayList<>();
            try {
                for (int i = 0; i < workers; i++) {
                    running.add(Worker.start(WorkerConfig.defaults(broker.bootstrapServers(), "local-" + i)
                            .withTopics(topics).withConsumers(consumers), ProviderRegistry.standard()));
                }
                return report(new SweepRunner(broker.bootstrapServers(), topics, runsDir, window, out).run(sweep), out);
            } finally {
                running.forEach(Worker::close);
            }
        }
    }

    private static int report(SweepRunner.Outcome outcome, PrintStream out) {
        outcome.summary().print(out);
        out.println();
        long deadLetters = outcome.summary().deadLetters();
        out.printf("%d trials counted (%d errors, %d dead-lettered, %d duplicate results ignored); wrote %s and %s%n",
                outcome.sweep().trialCount(), outcome.errors(), deadLetters, outcome.duplicates(),
                outcome.directory().resolve("results.jsonl"), outcome.directory().resolve("summary.csv"));
        if (deadLetters > 0) {
            out.printf("dead-lettered trials are in %s; `crucible dlq replay %s` publishes them again%n",
                    outcome.directory().resolve("dead-letters.jsonl"), outcome.sweep().sweepId());
        }
        if (outcome.summary().simulated()) {
            out.println(Summary.SIMULATED_BANNER);
        }
        return 0;
    }
}
