package dev.crucible.coordinator.progress;

import dev.crucible.common.control.ModelPause;
import dev.crucible.common.control.SweepProgress;
import dev.crucible.common.control.SweepProgress.ModelProgress;
import dev.crucible.common.spec.Budget;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.ModelSpend;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns two aggregator snapshots (this run's first, now) into the progress report a coordinator publishes on the
 * control topic for {@code crucible status}. Pure, so tests give fixed inputs; rates count only this run's trials,
 * as {@link ProgressView}'s do.
 */
public final class ProgressReports {
    private ProgressReports() {
    }

    /** Where the sweep stands, as the coordinator knows it. */
    public record Standing(String state, String cause, String message, long queued, long window, Budget budget,
                           List<ModelPause> pausedModels, String coordinator) {
    }

    public static SweepProgress of(SweepSnapshot start, SweepSnapshot now, Duration elapsed, Standing standing, long atMs) {
        double seconds = Math.max(0, elapsed.toNanos() / 1e9);
        long finished = now.done() - start.done();
        double rate = seconds > 0 ? finished / seconds : 0;
        long remaining = now.total() - now.done();
        long eta = remaining <= 0 ? 0 : rate > 0 ? (long) Math.ceil(remaining / rate) : -1;
        return new SweepProgress(now.sweepId(), standing.state(), standing.cause(), standing.message(), now.simulated(), now.total(),
                now.done(), now.results(), now.errors(), now.deadLetters(), now.skipped(), now.duplicates(), standing.queued(),
                standing.window(), rate, eta, models(start, now, seconds), standing.budget(), now.costUsd(), now.tokens(),
                standing.pausedModels(), standing.coordinator(), atMs);
    }

    private static List<ModelProgress> models(SweepSnapshot start, SweepSnapshot now, double seconds) {
        Map<String, long[]> cells = new LinkedHashMap<>();
        Map<String, Boolean> simulated = new LinkedHashMap<>();
        for (HarmRate r : now.rates()) {
            long[] c = cells.computeIfAbsent(r.model(), k -> new long[3]);
            c[0] += r.decided() + r.errors() + r.deadLetters() + r.skipped();
            c[1] += r.errors();
            c[2] += r.skipped();
            simulated.put(r.model(), r.simulated());
        }
        Map<String, Long> before = start.doneByModel();
        Map<String, ModelSpend> spend = new LinkedHashMap<>();
        now.spend().forEach(s -> spend.put(s.model(), s));
        long perModel = cells.isEmpty() ? 0 : now.total() / cells.size();
        List<ModelProgress> out = new ArrayList<>();
        cells.forEach((model, c) -> {
            ModelSpend s = spend.get(model);
            double rate = seconds > 0 ? (c[0] - before.getOrDefault(model, 0L)) / seconds : 0;
            out.add(new ModelProgress(model, simulated.get(model), perModel, c[0], c[1], c[2], rate,
                    s == null ? 0 : s.inputTokens(), s == null ? 0 : s.outputTokens(), s == null ? 0 : s.reasoningTokens(),
                    s == null ? (simulated.get(model) ? 0.0 : null) : s.costUsd()));
        });
        return out;
    }
}
