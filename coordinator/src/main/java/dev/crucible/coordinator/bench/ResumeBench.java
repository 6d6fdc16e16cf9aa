package dev.crucible.coordinator.bench;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code crucible bench-resume}: the coordinator's memory and its rebuild time at a million trials, measured on a
 * real coordinator process with a capped heap.
 *
 * <p>Resume: {@link ResumeFixture} leaves an N-trial simulated sweep on the broker as a coordinator killed after
 * its fan-out would (manifest checkpoint at N, N results on the results topic, no outputs); then {@code crucible
 * resume <sweepId>} runs as a child JVM with {@code -Xmx<heap>} and exits on the first OutOfMemoryError. Measured:
 * from the child's start to its "state rebuilt" line (the aggregator has read every result: a bit per trial, a
 * count per cell), to its exit (results.jsonl, summary.csv and report.html written), the most heap left after a
 * collection (its GC log), and its exit code. {@link OutputCheck} then streams the outputs.
 *
 * <p>Fan-out (unless 0 trials): {@code crucible run} of another zero-latency sweep in a capped child, with
 * in-process workers in this JVM consuming what it publishes through its window: the same figures for a
 * coordinator that publishes, waits on its window and aggregates at once.
 *
 * <p>Each run uses a fresh topic namespace, so {@code --bootstrap} can point at a cluster used before.
 */
public final class ResumeBench {
    private static final Pattern REBUILT = Pattern.compile("state rebuilt in ([0-9.]+) s");

    private final ResumeBenchConfig config;
    private final PrintStream console;

    public ResumeBench(ResumeBenchConfig config, PrintStream console) {
        this.config = config;
        this.console = console;
    }

    /** Runs the bench, prints its report and returns whether every target was met and every output is right. */
    public boolean run() throws Exception {
        Path tempRuns = config.runsDir().isEmpty() ? Files.createTempDirectory("crucible-bench-resume-runs-") : null;
        Path runsDir = config.runsDir().orElse(tempRuns);
        try {
            ResumeBenchReport report;
            if (config.bootstrap().isPresent()) {
                report = measure(config.bootstrap().get(), runsDir);
            } else {
                Path dataDir = Files.createTempDirectory("crucible-bench-resume-kafka-");
                try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
                    console.printf("embedded Kafka broker at %s (data in %s, deleted afterwards)%n", broker.bootstrapServers(), dataDir);
                    report = measure(broker.bootstrapServers(), runsDir);
                } finally {
                    deleteRecursively(dataDir);
                }
            }
            report.print(console);
            return report.meetsTargets();
        } finally {
            if (tempRuns != null) {
                deleteRecursively(tempRuns);
            }
        }
    }

    /** Both parts on {@code bootstrap}, outputs and logs under {@code runsDir}. */
    ResumeBenchReport measure(String bootstrap, Path runsDir) throws IOException, InterruptedException {
        String namespace = "bench-resume-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        Topics topics = Topics.defaults().withNamespace(namespace);
        OptionalDouble loadAverage = MachineLoad.loadAverage();
        ResumeBenchReport.Part resume = resume(bootstrap, topics, runsDir);
        Optional<ResumeBenchReport.Part> fanOut = config.fanOutTrials() == 0 ? Optional.empty()
                : Optional.of(fanOut(bootstrap, topics, runsDir));
        return new ResumeBenchReport(config, namespace, loadAverage, resume, fanOut);
    }

    private ResumeBenchReport.Part resume(String bootstrap, Topics topics, Path runsDir) throws IOException, InterruptedException {
        Sweep sweep = Sweep.of(BenchGrid.spec("resume", BenchGrid.shapeFor(config.trials())));
        console.printf("preparing sweep %s: %,d results on %s, manifest checkpoint at %,d [simulated, executed by the worker's code]%n",
                sweep.sweepId(), sweep.trialCount(), topics.results(sweep.sweepId()), sweep.trialCount());
        ResumeFixture.Prepared prepared = ResumeFixture.prepare(bootstrap, topics, sweep);
        console.printf("prepared in %.1f s (%,d bytes of result JSON)%n", prepared.elapsed().toMillis() / 1e3, prepared.bytes());
        console.printf("resuming %s in a child JVM with -Xmx%dm%n", sweep.sweepId(), config.heapMb());
        System.gc();
        MachineLoad load = MachineLoad.start();
        ChildCoordinator.Run run = ChildCoordinator.run(List.of("resume", sweep.sweepId(), "--bootstrap", bootstrap, "--namespace",
                topics.namespace(), "--runs-dir", runsDir.toString(), "--no-dashboard", "--metrics-port", "0"), config.heapMb(), runsDir, "resume", console);
        load.stop();
        console.printf("checking %s%n", runsDir.resolve(sweep.sweepId()));
        OutputCheck outputs = OutputCheck.of(runsDir.resolve(sweep.sweepId()), new TrialPlan(sweep), prepared.expected());
        return part("resume", sweep, run, load, outputs, Optional.of(prepared), TopicSizes.bytes(bootstrap, topics.results(sweep.sweepId())));
    }

    private ResumeBenchReport.Part fanOut(String bootstrap, Topics topics, Path runsDir) throws IOException, InterruptedException {
        BenchGrid.Shape shape = BenchGrid.shapeFor(config.fanOutTrials());
        Sweep sweep = Sweep.of(BenchGrid.spec("fanout", shape));
        Path spec = runsDir.resolve("fanout.yaml");
        Files.writeString(spec, BenchGrid.yaml("fanout", shape));
        console.printf("fan-out: sweep %s, %,d trials, window %,d, coordinator in a child JVM with -Xmx%dm, %d in-process workers%n",
                sweep.sweepId(), sweep.trialCount(), config.window(), config.heapMb(), config.workers());
        List<Worker> workers = new ArrayList<>();
        MachineLoad load;
        ChildCoordinator.Run run;
        try {
            for (int i = 0; i < config.workers(); i++) {
                WorkerConfig defaults = WorkerConfig.defaults(bootstrap, "bench-resume-" + i);
                workers.add(Worker.start(new WorkerConfig(bootstrap, topics, defaults.workerId(), 2, 1000, defaults.pollTimeout(),
                        defaults.clientOverrides()), ProviderRegistry.standard()));
            }
            load = MachineLoad.start();
            run = ChildCoordinator.run(List.of("run", spec.toString(), "--bootstrap", bootstrap, "--namespace", topics.namespace(),
                    "--runs-dir", runsDir.toString(), "--window", Long.toString(config.window()), "--no-dashboard", "--metrics-port", "0"),
                    config.heapMb(), runsDir,
                    "fanout", console);
            load.stop();
        } finally {
            workers.forEach(Worker::close);
        }
        OutputCheck outputs = OutputCheck.of(runsDir.resolve(sweep.sweepId()), new TrialPlan(sweep), null);
        return part("fan-out", sweep, run, load, outputs, Optional.empty(), TopicSizes.bytes(bootstrap, topics.results(sweep.sweepId())));
    }

    private static ResumeBenchReport.Part part(String name, Sweep sweep, ChildCoordinator.Run run, MachineLoad load, OutputCheck outputs,
                                               Optional<ResumeFixture.Prepared> prepared, long topicBytes) {
        Optional<ChildCoordinator.Line> rebuilt = run.first(REBUILT);
        Optional<Double> reported = rebuilt.map(line -> {
            Matcher m = REBUILT.matcher(line.text());
            return m.find() ? Double.parseDouble(m.group(1)) : null;
        });
        return new ResumeBenchReport.Part(name, sweep.sweepId(), sweep.trialCount(), prepared, run, rebuilt.map(ChildCoordinator.Line::at),
                reported, outputs, load.busyCores(), topicBytes);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
