package dev.crucible.coordinator.dispatch;

import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.coordinator.dashboard.DashboardConfig;
import dev.crucible.coordinator.dashboard.DashboardServer;
import dev.crucible.coordinator.progress.ProgressReporter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * What a person watches while one sweep runs: the progress display and, unless its config is null, the live
 * dashboard, both fed by the aggregator's snapshots. Started once the aggregator has caught up; the dashboard
 * stays up until the sweep's outputs are written ({@link #close}), so a page left open ends on the final counts.
 */
final class LiveViews implements AutoCloseable {
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);

    private final ProgressReporter.Mode mode;
    private final DashboardConfig dashboardConfig;
    private final PrintStream console;
    private ProgressReporter progress;
    private DashboardServer dashboard;

    LiveViews(ProgressReporter.Mode mode, DashboardConfig dashboardConfig, PrintStream console) {
        this.mode = mode;
        this.dashboardConfig = dashboardConfig;
        this.console = console;
    }

    void start(Aggregator results) {
        progress = ProgressReporter.start(console, mode, results::snapshot, PLAIN_EVERY);
        if (dashboardConfig == null) {
            return;
        }
        try {
            dashboard = DashboardServer.start(dashboardConfig, results::snapshot);
            console.println("live dashboard: " + dashboard.uri());
        } catch (IOException e) {
            // a second coordinator on this machine holds the port: the sweep matters more than its view
            console.println("no live dashboard: cannot listen on " + dashboardConfig.bind() + ":" + dashboardConfig.port() + " ("
                    + e.getMessage() + "); --dashboard-port picks another port");
        }
    }

    /** Every trial is counted: the progress display draws its last state and stops. */
    void progressDone() {
        if (progress != null) {
            progress.close();
        }
    }

    @Override
    public void close() {
        progressDone();
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
