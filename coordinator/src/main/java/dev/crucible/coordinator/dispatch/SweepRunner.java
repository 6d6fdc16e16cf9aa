package dev.crucible.coordinator.dispatch;

import dev.crucible.common.control.ControlChannel;
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
 * Runs one sweep from the coordinator's side: topics, manifest, fan-out, aggregation, control, outputs. Workers are
 * someone else's business — in-process for local runs, other processes on a cluster.
 *
 * <p>A sweep whose results topic already holds results (an earlier, interrupted run) publishes only the
 * trials without a result, and counts what was there. A pause, a cancel or a budget reached stops the fan-out
 * ({@link SweepControl}); the coordinator then waits a little for the trials already queued, writes the outputs
 * of what is finished and returns with the sweep's state.
 */
public final class SweepRunner {
    /** After a stop, how long the coordinator waits without any trial finishing before it leaves the rest queued. */
    static final Duration DRAIN_IDLE = Duration.ofSeconds(5);

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
     * What a sweep's run left behind.
     *
     * @param state                where the sweep stands: completed, or paused / cancelled (then the outputs cover the
     *                             trials finished so far)
     * @param message              why it is paused or cancelled, or null
     * @param dispatchToLastResult from the moment the fan-out started publishing to the moment the last result was
     *                             counted; excludes topic set-up, catching up on earlier results and writing the
     *                             summary
     */
    public record Outcome(Sweep sweep, Path directory, Summary summary, long published, long errors, long duplicates,
                          Duration dispatchToLastResult, SweepState state, String message, long skipped) {
    }

    public Outcome run(Sweep sweep) throws InterruptedException {
        return run(sweep, false);
    }

    /** @param retryFailed publish again every trial whose result is an error, and count the new result instead */
    public Outcome run(Sweep sweep, boolean retryFailed) throws InterruptedException {
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
        try (ControlChannel channel = ControlChannel.open(bootstrapServers, topics, "coordinator-" + sweep.sweepId(), Map.of())) {
            channel.awaitCaughtUp(Duration.ofSeconds(60));
            Lifecycle lifecycle = Lifecycle.at(previous, channel.command(sweep.sweepId()));
            try (Aggregator results = Aggregator.start(bootstrapServers, topics.results(sweep.sweepId()), topics.deadLetters(), plan,
                         directory.resolve("results.jsonl"), true);
                 FanOut fanOut = new FanOut(bootstrapServers, topics, sweep, plan, window);
                 LiveViews views = new LiveViews(progress, dashboard, console);
                 SweepGauges gauges = SweepGauges.bind(meters, sweep.sweepId(), plan.size(), results);
                 KafkaClientMetrics fanOutMeters = fanOut.clientMetrics()) {
                fanOutMeters.bindTo(meters);
                if (lifecycle.state() != SweepState.RUNNING) {
                    return notRunning(sweep, plan, directory, cursor, lifecycle, results, fanOut, channel);
                }
                fanOut.writeManifest(SweepManifest.of(sweep, SweepState.RUNNING, cursor, System.currentTimeMillis(), null, null,
                        lifecycle.command()));
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
                long[] failed = retryFailed ? results.failedTrials() : new long[0];
                try (SweepControl control = new SweepControl(sweep, channel, results, lifecycle,
                        () -> fanOut.issued() - results.counted() + results.retriesOutstanding(), window, console)) {
                    fanOut.checkpointWith(c -> SweepManifest.of(sweep, SweepState.RUNNING, c, System.currentTimeMillis(), null, null,
                            control.lifecycle().command()));
                    control.start();
                    views.start(results);
                    long dispatchStarted = System.nanoTime();
                    long published = fanOut.publish(results, cursor, control::stopRequested);
                    if (failed.length > 0 && !control.stopRequested()) {
                        console.printf("sweep %s: publishing %d trials whose result is an error again (--retry-failed)%n",
                                sweep.sweepId(), failed.length);
                        published += fanOut.republish(results, failed, control::stopRequested);
                    }
                    while (!control.stopRequested() && !(results.awaitCounted(plan.size(), Duration.ofMillis(500))
                            && results.retriesOutstanding() == 0)) {
                        // the progress display reports; waiting here is bounded only by the workers
                    }
                    Duration dispatchToLastResult = Duration.ofNanos(System.nanoTime() - dispatchStarted);
                    Lifecycle end = control.lifecycle();
                    if (end.state() != SweepState.RUNNING) {
                        drain(results, fanOut.issued());
                    }
                    views.progressDone();
                    Summary summary = new Summary(sweep.sweepId(), results.finishAsRead());
                    summary.writeCsv(directory.resolve("summary.csv"));
                    ReportWriter.write(directory, results.snapshot());
                    if (end.state() == SweepState.RUNNING) {
                        end = new Lifecycle(SweepState.COMPLETED, "completed", null, end.command());
                    }
                    long checkpoint = end.state() == SweepState.COMPLETED ? plan.size() : fanOut.issued();
                    fanOut.writeManifest(SweepManifest.of(sweep, end.state(), checkpoint, System.currentTimeMillis(), end.cause(),
                            end.message(), end.command()));
                    control.finalReport(end);
                    return new Outcome(sweep, directory, summary, published, results.errors(), results.duplicates(),
                            dispatchToLastResult, end.state(), end.message(), results.skipped());
                }
            }
        }
    }

    /**
     * A sweep that is paused or cancelled when taken up: nothing is published; its outputs are rewritten from what the
     * topics hold, the manifest records a newly applied command, and a progress report says where it stands.
     */
    private Outcome notRunning(Sweep sweep, TrialPlan plan, Path directory, long cursor, Lifecycle lifecycle, Aggregator results,
                               FanOut fanOut, ControlChannel channel) throws InterruptedException {
        fanOut.writeManifest(SweepManifest.of(sweep, lifecycle.state(), cursor, System.currentTimeMillis(), lifecycle.cause(),
                lifecycle.message(), lifecycle.command()));
        Summary summary = new Summary(sweep.sweepId(), results.finishAsRead());
        summary.writeCsv(directory.resolve("summary.csv"));
        ReportWriter.write(directory, results.snapshot());
        try (SweepControl control = new SweepControl(sweep, channel, results, lifecycle, () -> 0, window, console)) {
            control.finalReport(lifecycle);
        }
        return new Outcome(sweep, directory, summary, 0, results.errors(), results.duplicates(), Duration.ZERO, lifecycle.state(),
                lifecycle.message(), results.skipped());
    }

    /** Trials already queued still run: wait for them while they keep finishing, so the outputs and the spend include them. */
    private void drain(Aggregator results, long issued) throws InterruptedException {
        while (results.counted() < issued) {
            if (!results.awaitCounted(results.counted() + 1, DRAIN_IDLE)) {
                console.printf("sweep %s: %d trials still queued; workers run them when they take them, and a resume counts them%n",
                        results.snapshot().sweepId(), issued - results.counted());
                return;
            }
        }
    }
}
