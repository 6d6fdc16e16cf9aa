package dev.crucible.coordinator.bench;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.coordinator.dispatch.FanOut;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code crucible bench}: a zero-latency simulated sweep on an in-process broker, timed, then the same trip done
 * by plain Kafka clients with no Crucible work ({@link BareTrip}), then Kafka's ProducerPerformance on the same
 * broker with the same record count, record size and producer settings as the fan-out, and the ratios of the rates.
 *
 * <p>The ratio's ceiling is about 0.5: every trial crosses the broker twice (trial to a worker, result back),
 * while ProducerPerformance only writes; here broker, workers and coordinator also share one machine's cores.
 * The bare trip's ratio to ProducerPerformance is what this machine allows; the sweep's rate over the bare
 * trip's is the share Crucible's own work leaves.
 *
 * <p>Order: broker on a fresh temporary data directory (deleted afterwards), in-process workers, an untimed
 * warm-up sweep (the JIT has a whole broker to compile), the timed sweep, workers closed, the bare trip (an
 * untimed run first when there was a warm-up sweep), then the ProducerPerformance runs. Blocking; one bench at a time per JVM (the yardstick replaces {@code System.out}
 * while it runs).
 */
public final class SweepBench {
    private static final int SIZE_SAMPLE = 10_000;
    private static final String YARDSTICK_TOPIC = "bench.producer-performance-";
    private static final String BARE_TRIP_NAMESPACE = "bench-bare";
    /** Sampled messages the bare trip cycles: more than a producer batch holds, so lz4 sees the sweep's variety. */
    private static final int PAYLOAD_SAMPLES = 1024;

    private final BenchConfig config;
    private final PrintStream console;
    private final Topics topics = Topics.defaults().withNamespace("bench");

    public SweepBench(BenchConfig config, PrintStream console) {
        this.config = config;
        this.console = console;
    }

    /** Runs the bench, prints its report and returns whether the ratio meets the target. */
    public boolean run() throws Exception {
        Path dataDir = Files.createTempDirectory("crucible-bench-kafka-");
        Path tempRuns = config.runsDir().isEmpty() ? Files.createTempDirectory("crucible-bench-runs-") : null;
        try {
            BenchReport report = measure(dataDir, config.runsDir().orElse(tempRuns));
            report.print(console);
            return report.meetsTarget();
        } finally {
            deleteRecursively(dataDir);
            if (tempRuns != null) {
                deleteRecursively(tempRuns);
            }
        }
    }

    private BenchReport measure(Path dataDir, Path runsDir) throws Exception {
        long started = System.nanoTime();
        EmbeddedKafkaBroker.Settings settings = EmbeddedKafkaBroker.Settings.defaults();
        for (Map.Entry<String, String> property : config.brokerProperties().entrySet()) {
            settings = settings.withOverride(property.getKey(), property.getValue());
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, settings)) {
            String bootstrap = broker.bootstrapServers();
            console.printf("embedded Kafka broker at %s (data in %s, deleted afterwards), started in %.1f s%n",
                    bootstrap, dataDir, (System.nanoTime() - started) / 1e9);
            BenchGrid.Shape shape = BenchGrid.shapeFor(config.trials());
            Sweep sweep = Sweep.of(BenchGrid.spec("bench", shape));
            SweepMeasurement measured;
            List<Worker> workers = startWorkers(bootstrap);
            try {
                if (config.warmupTrials() > 0) {
                    warmUp(bootstrap, runsDir);
                }
                measured = timedSweep(bootstrap, runsDir, sweep, shape);
            } finally {
                // idle workers still poll; they must not share the cores with the yardstick
                workers.forEach(Worker::close);
            }
            int trialBytes = meanTrialBytes(new TrialPlan(sweep));
            BareTrip.Payloads payloads = payloads(new TrialPlan(sweep), runsDir.resolve(measured.sweepId()).resolve("results.jsonl"));
            List<BareTripMeasurement> bare = bareTrip(bootstrap, sweep.trialCount(), payloads);
            YardstickRuns yardstick = yardstick(bootstrap, sweep.trialCount(), trialBytes);
            return new BenchReport(config, measured, trialBytes, bare, yardstick, topics.trialPartitions(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private List<Worker> startWorkers(String bootstrap) {
        List<Worker> workers = new ArrayList<>();
        try {
            for (int i = 0; i < config.workers(); i++) {
                WorkerConfig defaults = WorkerConfig.defaults(bootstrap, "bench-" + i);
                workers.add(Worker.start(new WorkerConfig(bootstrap, topics, defaults.workerId(), config.consumers(),
                        config.maxPollTrials(), defaults.pollTimeout(), config.workerProperties()), ProviderRegistry.standard()));
            }
            return workers;
        } catch (RuntimeException e) {
            workers.forEach(Worker::close);
            throw e;
        }
    }

    /** An untimed sweep first: compiled code, connections and the share group's assignments are then in place. */
    private void warmUp(String bootstrap, Path runsDir) throws InterruptedException {
        Sweep warmup = Sweep.of(BenchGrid.spec("bench-warmup", BenchGrid.shapeFor(config.warmupTrials())));
        long started = System.nanoTime();
        long jit = CpuByRole.jitMillis();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new SweepRunner(bootstrap, topics, runsDir, config.window(), quiet).run(warmup);
        console.printf("warm-up sweep %s: %,d trials in %.1f s, JIT compile time %.1f s (not timed)%n",
                warmup.sweepId(), warmup.trialCount(), (System.nanoTime() - started) / 1e9, (CpuByRole.jitMillis() - jit) / 1e3);
    }

    private SweepMeasurement timedSweep(String bootstrap, Path runsDir, Sweep sweep, BenchGrid.Shape shape) throws InterruptedException {
        console.printf("timed sweep %s: %,d trials [simulated, 0 ms latency]%n", sweep.sweepId(), sweep.trialCount());
        System.gc();
        Map<String, Long> requestsBefore = BrokerRequests.snapshot();
        long gcBefore = CpuByRole.gcMillis();
        long jitBefore = CpuByRole.jitMillis();
        MachineLoad load = MachineLoad.start();
        long cpuBefore = CpuByRole.processCpuNanos();
        long started = System.nanoTime();
        SweepRunner.Outcome outcome;
        Map<String, Duration> cpuByRole;
        try (CpuByRole cpu = CpuByRole.start()) {
            outcome = new SweepRunner(bootstrap, topics, runsDir, config.window(), console).run(sweep);
            cpu.close();
            cpuByRole = cpu.byRole();
        }
        Duration runElapsed = Duration.ofNanos(System.nanoTime() - started);
        Duration cpu = Duration.ofNanos(CpuByRole.processCpuNanos() - cpuBefore);
        load.stop();
        return new SweepMeasurement(sweep.sweepId(), sweep.trialCount(), shape, outcome.dispatchToLastResult(), runElapsed,
                cpu, Duration.ofMillis(CpuByRole.gcMillis() - gcBefore), Duration.ofMillis(CpuByRole.jitMillis() - jitBefore),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), outcome.errors(), outcome.duplicates(),
                cpuByRole, BrokerRequests.difference(requestsBefore, BrokerRequests.snapshot()), load.otherCores());
    }

    /**
     * The bare Kafka trip on topics and a share group of its own namespace, laid out and configured as the sweep's:
     * an untimed run first when the sweep had one, then as many timed runs as ProducerPerformance gets (a run takes
     * a second or two, so one run is at the mercy of a moment's load; the report takes the median).
     */
    private List<BareTripMeasurement> bareTrip(String bootstrap, long trips, BareTrip.Payloads payloads) throws InterruptedException {
        try (BareTrip bare = BareTrip.start(bootstrap, topics.withNamespace(BARE_TRIP_NAMESPACE), config)) {
            if (config.warmupTrials() > 0) {
                long started = System.nanoTime();
                bare.run("warmup", config.warmupTrials(), payloads);
                console.printf("bare Kafka trip warm-up: %,d trips in %.1f s (not timed)%n", config.warmupTrials(),
                        (System.nanoTime() - started) / 1e9);
            }
            List<BareTripMeasurement> runs = new ArrayList<>();
            for (int run = 1; run <= config.producerRuns(); run++) {
                console.printf("bare Kafka trip run %d of %d: %,d records of %d bytes out, their results of %d bytes back, plain clients%n",
                        run, config.producerRuns(), trips, payloads.meanTrialBytes(), payloads.meanResultBytes());
                runs.add(bare.run("timed-" + run, trips, payloads));
            }
            return runs;
        }
    }

    /**
     * One untimed ProducerPerformance run (its own code paths get compiled, as the sweep's were in the warm-up),
     * then the timed ones, each on a fresh topic shaped like the trials topic.
     */
    private YardstickRuns yardstick(String bootstrap, long records, int recordBytes) throws Exception {
        List<String> names = new ArrayList<>();
        for (int run = 0; run <= config.producerRuns(); run++) {
            names.add(YARDSTICK_TOPIC + (run == 0 ? "warmup" : run));
        }
        createTopicsLikeTrials(bootstrap, names);
        if (config.warmupTrials() > 0) {
            console.printf("ProducerPerformance warm-up: %,d records of %d bytes (not timed)%n", records, recordBytes);
            ProducerYardstick.run(bootstrap, names.getFirst(), records, recordBytes, FanOut.producerSettings(), console);
        }
        List<ProducerYardstick.Measurement> runs = new ArrayList<>();
        Duration cpu = Duration.ZERO;
        Duration elapsed = Duration.ZERO;
        MachineLoad load = MachineLoad.start();
        for (int run = 1; run <= config.producerRuns(); run++) {
            String topic = names.get(run);
            System.gc();
            console.printf("ProducerPerformance run %d of %d: %,d records of %d bytes to %s (%d partitions)%n", run,
                    config.producerRuns(), records, recordBytes, topic, topics.trialPartitions());
            long cpuBefore = CpuByRole.processCpuNanos();
            long started = System.nanoTime();
            runs.add(ProducerYardstick.run(bootstrap, topic, records, recordBytes, FanOut.producerSettings(), console));
            elapsed = elapsed.plusNanos(System.nanoTime() - started);
            cpu = cpu.plusNanos(CpuByRole.processCpuNanos() - cpuBefore);
        }
        return new YardstickRuns(records, runs, elapsed, cpu, load.stop().otherCores());
    }

    /** Mean JSON size of the trial messages, over up to {@value #SIZE_SAMPLE} trials spread over the sweep. */
    static int meanTrialBytes(TrialPlan plan) {
        long sample = Math.min(SIZE_SAMPLE, plan.size());
        long total = 0;
        for (long i = 0; i < sample; i++) {
            total += Json.write(plan.trial(i * plan.size() / sample)).length;
        }
        return (int) Math.round((double) total / sample);
    }

    /**
     * What the bare trip sends: {@value #PAYLOAD_SAMPLES} of the sweep's trial messages and as many of the results the
     * timed sweep wrote ({@code results.jsonl}, one result message a line), each spread over the whole sweep.
     */
    private static BareTrip.Payloads payloads(TrialPlan plan, Path resultsFile) {
        long count = Math.min(PAYLOAD_SAMPLES, plan.size());
        List<byte[]> trials = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            trials.add(Json.write(plan.trial(i * plan.size() / count)));
        }
        return new BareTrip.Payloads(trials, sampleLines(resultsFile, plan.size(), PAYLOAD_SAMPLES));
    }

    /** At most {@code count} lines of {@code file}, spread evenly over its {@code lines} lines, without their newlines. */
    static List<byte[]> sampleLines(Path file, long lines, int count) {
        long step = Math.max(1, lines / count);
        List<byte[]> sample = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long index = 0;
            for (String line = reader.readLine(); line != null && sample.size() < count; line = reader.readLine()) {
                if (index++ % step == 0) {
                    sample.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return sample;
    }

    /**
     * Creates topics shaped like the trials topic and returns once the broker leads all their partitions.
     * Producing right after creation raced the broker becoming leader: the first batch got NOT_LEADER, its
     * retry OUT_OF_ORDER_SEQUENCE, and ProducerPerformance stalled until that batch expired (120 s). A
     * ListOffsets answer comes from the partition's leader, so it is the signal.
     */
    private void createTopicsLikeTrials(String bootstrap, List<String> names) throws InterruptedException {
        NewTopic like = topics.trialsTopic();
        List<NewTopic> wanted = names.stream()
                .map(name -> new NewTopic(name, like.numPartitions(), like.replicationFactor()).configs(like.configs()))
                .toList();
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (String name : names) {
            for (int p = 0; p < like.numPartitions(); p++) {
                partitions.put(new TopicPartition(name, p), OffsetSpec.latest());
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(wanted).all().get();
            admin.listOffsets(partitions).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create " + names + ": " + e.getCause().getMessage(), e.getCause());
        }
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
