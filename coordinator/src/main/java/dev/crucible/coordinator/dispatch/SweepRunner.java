package dev.crucible.coordinator.dispatch;

import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.coordinator.dashboard.DashboardConfig;
import dev.crucible.coordinator.observe.SweepGauges;
import dev.crucible.coordinator.progress.ProgressReporter;
import dev.crucible.coordinator.report.ReportWriter;
import dev.crucible.coordinator.report.Summary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs one sweep from the coordinator's side: topics, manifest, fan-out, aggregation, outputs. Workers are
 * someone else's business — in-process for local runs, other processes on a cluster.
 *
 * <p>A sweep whose results topic already holds results (an earlier, interrupted run) publishes only the
 * trials without a result, and counts what was there.
 */
public final class SweepRunner {
    private final String bootstrapServers;
    private final Topics topics;
    private final Path runsDir;
    private final long window;
    private final PrintStream console;
    private final ProgressReporter.Mode progress;
    private final DashboardConfig dashboard;
    private final MeterRegistry meters;

    public SweepRunner(String bootstrapServers, Topics topics, Path runsDir, long window, PrintStream console) {
        this(bootstrapServers, topics, runsDir, window, console, ProgressReporter.Mode.PLAIN, null, new CompositeMeterRegistry());
    }

    private SweepRunner(String bootstrapServers, Topics topics, Path runsDir, long window, PrintStream console,
                        ProgressReporter.Mode progress, DashboardConfig dashboard, MeterRegistry meters) {
        this.meters = meters;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.runsDir = runsDir;
        this.window = window;
        this.console = console;
        this.progress = progress;
        this.dashboard = dashboard;
    }

    /** The same runner with another progress display and, unless null, the live dashboard (see {@link LiveViews}). */
    public SweepRunner withLiveViews(ProgressReporter.Mode progress, DashboardConfig dashboard) {
        return new SweepRunner(bootstrapServers, topics, runsDir, window, console, progress, dashboard, meters);
    }

    /** The same runner with its sweep's gauges and its producer's client meters in {@code registry}. */
    public SweepRunner withMeters(MeterRegistry registry) {
        return new SweepRunner(bootstrapServers, topics, runsDir, window, console, progress, dashboard, registry);
    }

    /**
     * What a finished sweep left behind.
     *
     * @param dispatchToLastResult from the moment the fan-out started publishing to the moment the last result was
     *                             counted; excludes topic set-up, catching up on earlier results and writing the
     *                             summary
     */
    public record Outcome(Sweep sweep, Path directory, Summary summary, long published, long errors, long duplicates,
                          Duration dispatchToLastResult) {
    }

    public Outcome run(Sweep sweep) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicSetup setup = new TopicSetup(admin, topics);
            setup.ensureShared();
            setup.ensureSweep(sweep.sweepId());
        }
        TrialPlan plan = new TrialPlan(sweep);
        Path directory = runsDir.resolve(sweep.sweepId());
        long rebuildStarted = System.nanoTime();
        Optional<SweepManifest> previous = Manifests.latest(bootstrapServers, topics, sweep.sweepId());
        long cursor = previous.map(SweepManifest::published).orElse(0L);
        try (Aggregator results = Aggregator.start(bootstrapServers, topics.results(sweep.sweepId()), topics.deadLetters(), plan, directory.resolve("results.jsonl"));
             FanOut fanOut = new FanOut(bootstrapServers, topics, sweep, plan, window);
             LiveViews views = new LiveViews(progress, dashboard, console);
             SweepGauges gauges = SweepGauges.bind(meters, sweep.sweepId(), plan.size(), results);
             KafkaClientMetrics fanOutMeters = fanOut.clientMetrics()) {
            fanOutMeters.bindTo(meters);
            fanOut.writeManifest(SweepManifest.of(sweep, SweepState.RUNNING, cursor, System.currentTimeMillis()));
            if (cursor > 0) {
                console.printf("sweep %s: resuming; %d of %d trials were published before%n", sweep.sweepId(), cursor, plan.size());
            }
            results.awaitCaughtUp();
            if (results.counted() > 0) {
                // `crucible bench-resume` times the rebuild by this line
                console.printf(Locale.ROOT, "sweep %s: state rebuilt in %.1f s: %d of %d trials finished (%d results, %d dead-lettered)%n",
                        sweep.sweepId(), (System.nanoTime() - rebuildStarted) / 1e9, results.counted(), plan.size(), results.results(),
                        results.deadLettered());
            }
            if (results.counted() >= plan.size()) {
                console.printf("sweep %s: every trial already has a result%n", sweep.sweepId());
            } else if (results.counted() > 0) {
                console.printf("sweep %s: %d of %d trials already have results; publishing the rest%n",
                        sweep.sweepId(), results.counted(), plan.size());
            }
            views.start(results);
            long dispatchStarted = System.nanoTime();
            long published = fanOut.publish(results, cursor);
            while (!results.awaitCounted(plan.size(), Duration.ofSeconds(1))) {
                // the progress display reports; waiting here is bounded only by the workers
            }
            Duration dispatchToLastResult = Duration.ofNanos(System.nanoTime() - dispatchStarted);
            views.progressDone();
            Summary summary = new Summary(sweep.sweepId(), results.finish());
            summary.writeCsv(directory.resolve("summary.csv"));
            ReportWriter.write(directory, results.snapshot());
            fanOut.writeManifest(SweepManifest.of(sweep, SweepState.DONE, plan.size(), System.currentTimeMillis()));
            return new Outcome(sweep, directory, summary, published, results.errors(), results.duplicates(),
                    dispatchToLastResult);
        }
    }
}
