package dev.crucible.coordinator.cli;

import dev.crucible.common.control.ModelPause;
import dev.crucible.common.control.SweepProgress;
import dev.crucible.common.control.SweepProgress.ModelProgress;
import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.cli.StatusCommand.SweepStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code crucible status} for people: one sweep in detail, or a line per sweep. */
final class StatusText {
    /** A running sweep whose latest report is older than this may have lost its coordinator. */
    private static final long STALE_MS = 30_000;

    private StatusText() {
    }

    static void print(SweepStatus status, PrintWriter out) {
        String id = status.manifest().sweepId();
        out.printf("sweep %s: %s%s%n", id, status.state(), status.cause() == null || "completed".equals(status.cause()) ? ""
                : " (" + status.cause() + ")");
        if (status.message() != null) {
            out.printf("  %s%n", status.message());
        }
        if (status.manifest().simulated()) {
            out.println("  SIMULATED: results from Crucible's simulated model measure no real model; its tokens are made up and cost $0");
        }
        status.pending().ifPresent(c -> out.printf("  pending: %s by %s at %s, not yet applied (the coordinator running the sweep "
                + "applies it within a second; without one, the next run or resume does)%n", c.action().token(), c.by(), Instant.ofEpochMilli(c.atMs())));
        if (status.progress().isEmpty()) {
            out.printf("  %d trials, %d published; no progress report yet (no coordinator has run it since progress reports exist)%n",
                    status.manifest().trialCount(), status.manifest().published());
        } else {
            progress(status.progress().get(), status.nowMs(), out);
        }
        pauses(status.pausedModels(), out);
        if ("paused".equals(status.state())) {
            out.printf("  `crucible resume %s` continues it%s%n", id, "budget".equals(status.cause()) ? " (raise the budget with --budget-usd or --budget-tokens)" : "");
        }
    }

    private static void progress(SweepProgress p, long nowMs, PrintWriter out) {
        out.printf(Locale.ROOT, "  trials: %,d/%,d done (%.1f%%): %,d results, %,d errors, %,d dead letters, %,d skipped, %,d duplicates ignored%n",
                p.done(), p.total(), p.total() == 0 ? 100.0 : 100.0 * p.done() / p.total(), p.results(), p.errors(), p.deadLetters(),
                p.skipped(), p.duplicates());
        out.printf(Locale.ROOT, "  rate: %.1f trials/s, ETA %s; queued: %,d (window %,d)%s%n", p.trialsPerSecond(), eta(p.etaSeconds()),
                p.queued(), p.window(), "running".equals(p.state()) ? ""
                        : "; trials already queued still run, so a paused sweep can pass its budget by at most the window's cost");
        String budget = p.budget() == null ? "no budget" : "budget " + (p.budget().maxUsd() == null ? "" : String.format(Locale.ROOT, "$%.2f", p.budget().maxUsd()))
                + (p.budget().maxUsd() != null && p.budget().maxTokens() != null ? " / " : "")
                + (p.budget().maxTokens() == null ? "" : String.format(Locale.ROOT, "%,d tokens", p.budget().maxTokens()));
        out.printf(Locale.ROOT, "  spent: $%.4f, %,d tokens (%s)%n", p.spentUsd(), p.spentTokens(), budget);
        out.printf("  %-34s %13s %7s %7s %9s %12s %12s %12s %12s%n", "model", "done/total", "errors", "skipped", "trials/s", "input tok",
                "output tok", "reasoning", "cost USD");
        for (ModelProgress m : p.models()) {
            out.printf(Locale.ROOT, "  %-34s %13s %,7d %,7d %9.1f %,12d %,12d %,12d %12s%n", m.model() + (m.simulated() ? " [SIMULATED]" : ""),
                    m.done() + "/" + m.total(), m.errors(), m.skipped(), m.trialsPerSecond(), m.inputTokens(), m.outputTokens(),
                    m.reasoningTokens(), m.costUsd() == null ? "no price" : String.format(Locale.ROOT, "%.4f", m.costUsd()));
        }
        long age = Math.max(0, nowMs - p.atMs());
        out.printf("  reported by coordinator %s at %s (%d s ago)%s%n", p.coordinator(), Instant.ofEpochMilli(p.atMs()), age / 1000,
                "running".equals(p.state()) && age > STALE_MS ? "; no report since: is its coordinator still running? `crucible resume` takes it up" : "");
    }

    private static void pauses(List<ModelPause> pauses, PrintWriter out) {
        for (ModelPause pause : pauses) {
            out.printf("  model paused across the fleet: %s until %s (found by worker %s): %s%n", pause.policy(),
                    Instant.ofEpochMilli(pause.untilMs()), pause.by(), pause.reason());
            out.printf("    its trials end as quota_exhausted errors; `crucible resume <sweepId> --retry-failed` runs them again once the quota is back%n");
        }
    }

    static void printList(List<SweepStatus> statuses, Topics topics, PrintWriter out) {
        if (statuses.isEmpty()) {
            out.println("no sweeps in namespace " + topics.namespace());
            return;
        }
        out.printf("%-40s %-10s %-8s %17s %12s %s%n", "sweep", "state", "cause", "done/total", "cost USD", "updated");
        for (SweepStatus s : statuses) {
            String done = s.progress().map(p -> p.done() + "/" + p.total()).orElse("?/" + s.manifest().trialCount());
            String cost = s.progress().map(p -> String.format(Locale.ROOT, "%.4f", p.spentUsd())).orElse("-");
            long updated = Math.max(s.manifest().updatedAtMs(), s.progress().map(SweepProgress::atMs).orElse(0L));
            out.printf("%-40s %-10s %-8s %17s %12s %s%s%n", s.manifest().sweepId(), s.state(), s.cause() == null ? "" : s.cause(), done, cost,
                    Instant.ofEpochMilli(updated), s.manifest().simulated() ? "  SIMULATED" : "");
        }
    }

    private static String eta(long seconds) {
        if (seconds < 0) {
            return "--";
        }
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
