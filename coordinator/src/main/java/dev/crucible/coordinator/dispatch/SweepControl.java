package dev.crucible.coordinator.dispatch;

import dev.crucible.common.control.BudgetRaise;
import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.control.SweepProgress;
import dev.crucible.common.spec.Budget;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepState;
import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import dev.crucible.coordinator.progress.ProgressReports;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sweep's side of the control topic: applies new commands (pause, cancel, resume), pauses the sweep when
 * its budget is reached, and publishes a progress report every few seconds. One thread ticks; the fan-out reads
 * {@link #stopRequested()} between trials.
 */
final class SweepControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SweepControl.class);
    static final Duration TICK = Duration.ofMillis(250);
    static final Duration REPORT_EVERY = Duration.ofSeconds(2);

    private final Sweep sweep;
    private final ControlChannel channel;
    private final Aggregator results;
    private final LongSupplier queued;
    private final long window;
    private final PrintStream console;
    private final String coordinator;
    private final ScheduledExecutorService ticker;
    private final SweepSnapshot start;
    private final long startNanos = System.nanoTime();
    private volatile Lifecycle lifecycle;
    private long lastReportNanos;

    SweepControl(Sweep sweep, ControlChannel channel, Aggregator results, Lifecycle lifecycle, LongSupplier queued, long window,
                 PrintStream console) {
        this.sweep = sweep;
        this.channel = channel;
        this.results = results;
        this.lifecycle = lifecycle;
        this.queued = queued;
        this.window = window;
        this.console = console;
        this.coordinator = host() + "-" + ProcessHandle.current().pid();
        this.start = results.snapshot();
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sweep-control").factory());
    }

    /** Checks once now (a budget already spent stops the sweep before it publishes), then every {@link #TICK}. */
    void start() {
        tick();
        ticker.scheduleWithFixedDelay(this::safeTick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    Lifecycle lifecycle() {
        return lifecycle;
    }

    boolean stopRequested() {
        return lifecycle.state() != SweepState.RUNNING;
    }

    /** The spec's budget, with the limits a {@code resume --budget-*} raised. */
    Budget budget() {
        Budget spec = sweep.spec().budgetOrNone();
        return channel.budget(sweep.sweepId()).map(BudgetRaise::budget).map(spec::raisedBy).orElse(spec);
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("sweep control tick failed: {}", e.toString());
        }
    }

    private synchronized void tick() {
        Lifecycle before = lifecycle;
        channel.command(sweep.sweepId()).filter(c -> !c.equals(before.command())).ifPresent(this::apply);
        if (lifecycle.state() == SweepState.RUNNING) {
            checkBudget();
        }
        if (System.nanoTime() - lastReportNanos >= REPORT_EVERY.toNanos()) {
            report();
        }
    }

    private void apply(SweepCommand command) {
        Lifecycle next = lifecycle.apply(command);
        if (next.state() != lifecycle.state()) {
            console.printf("sweep %s: %s%n", sweep.sweepId(), next.message());
        } else if (command.action() == SweepCommand.Action.RESUME && lifecycle.state() == SweepState.CANCELLED) {
            console.printf("sweep %s: ignoring resume from %s: a cancelled sweep stays cancelled%n", sweep.sweepId(), command.by());
        }
        lifecycle = next;
        report();
    }

    private void checkBudget() {
        Budget budget = budget();
        if (!budget.limited()) {
            return;
        }
        SweepSnapshot now = results.snapshot();
        boolean usd = budget.maxUsd() != null && now.costUsd() >= budget.maxUsd();
        boolean tokens = budget.maxTokens() != null && now.tokens() >= budget.maxTokens();
        if (!usd && !tokens) {
            return;
        }
        String spent = usd
                ? String.format(Locale.ROOT, "$%.4f of $%.4f spent", now.costUsd(), budget.maxUsd())
                : String.format(Locale.ROOT, "%,d of %,d tokens used", now.tokens(), budget.maxTokens());
        String why = "budget reached: " + spent + "; fan-out stopped. Trials already queued (at most the window of " + window
                + ") still run, so the final spend can pass the budget by what they cost. Resume with "
                + (usd ? "--budget-usd" : "--budget-tokens") + " to raise it: crucible resume " + sweep.sweepId()
                + (usd ? " --budget-usd " + String.format(Locale.ROOT, "%.2f", budget.maxUsd() * 2)
                        : " --budget-tokens " + budget.maxTokens() * 2);
        lifecycle = lifecycle.budgetReached(why);
        console.printf("sweep %s: %s%n", sweep.sweepId(), why);
        log.warn("sweep {}: {}", sweep.sweepId(), why);
        report();
    }

    /** Publishes the sweep's progress now; also the coordinator's last word when it stops. */
    synchronized void report() {
        lastReportNanos = System.nanoTime();
        try {
            channel.publish(progress());
        } catch (RuntimeException e) {
            log.warn("cannot publish progress of {}: {}", sweep.sweepId(), e.getMessage());
        }
    }

    /** Publishes a last report with the state the sweep ends this run in. */
    synchronized void finalReport(Lifecycle end) {
        lifecycle = end;
        report();
    }

    SweepProgress progress() {
        Lifecycle now = lifecycle;
        Budget budget = budget();
        long nowMs = System.currentTimeMillis();
        ProgressReports.Standing standing = new ProgressReports.Standing(now.state().token(), now.cause(), now.message(),
                Math.max(0, queued.getAsLong()), window, budget.limited() ? budget : null, channel.modelPauses(nowMs).stream()
                        .filter(p -> sweep.spec().models().stream().anyMatch(m -> m.id().equals(p.modelId()))).toList(), coordinator);
        return ProgressReports.of(start, results.snapshot(), Duration.ofNanos(System.nanoTime() - startNanos), standing, nowMs);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
