package dev.crucible.coordinator.progress;

import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text of the sweep's progress: done/total, rate, ETA, errors, dead letters and each model's rate. Pure:
 * from two snapshots (when this run started counting, and now) and the time between them, so tests give fixed
 * inputs. Rates count only trials finished during this run, so a resumed sweep's earlier results do not
 * inflate them.
 */
public final class ProgressView {
    private static final int BAR_WIDTH = 24;

    private ProgressView() {
    }

    /** Two lines for a terminal: a bar with the totals, and per-model rates, each cut to {@code width} columns. */
    public static List<String> terminal(SweepSnapshot start, SweepSnapshot now, Duration elapsed, int width) {
        double fraction = now.total() == 0 ? 1 : (double) now.done() / now.total();
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        String bar = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
        String first = bar + String.format(Locale.ROOT, "%,d/%,d (%.1f%%)  %s trials/s  ETA %s  errors %,d  dead letters %,d%s",
                now.done(), now.total(), 100 * fraction, rate(now.done() - start.done(), elapsed), eta(start, now, elapsed),
                now.errors(), now.deadLetters(), now.simulated() ? "  SIMULATED" : "");
        String second = "per model, trials/s: " + String.join("  ", perModel(start, now, elapsed));
        return List.of(cut(first, width), cut(second, width));
    }

    /** One self-contained line for logs and pipes. */
    public static String plain(SweepSnapshot start, SweepSnapshot now, Duration elapsed) {
        double percent = now.total() == 0 ? 100 : 100.0 * now.done() / now.total();
        return String.format(Locale.ROOT, "progress%s: %d/%d trials (%.1f%%), %s trials/s, ETA %s, %d errors, %d dead letters; per model trials/s: %s",
                now.simulated() ? " [SIMULATED]" : "", now.done(), now.total(), percent, rate(now.done() - start.done(), elapsed),
                eta(start, now, elapsed), now.errors(), now.deadLetters(), String.join(", ", perModel(start, now, elapsed)));
    }

    /** Remaining time at this run's average rate; "--" before the first trial finishes. */
    static String eta(SweepSnapshot start, SweepSnapshot now, Duration elapsed) {
        long remaining = now.total() - now.done();
        if (remaining <= 0) {
            return "0:00";
        }
        long finished = now.done() - start.done();
        if (finished <= 0 || elapsed.isZero() || elapsed.isNegative()) {
            return "--";
        }
        long seconds = (long) Math.ceil(remaining * (elapsed.toNanos() / 1e9) / finished);
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static List<String> perModel(SweepSnapshot start, SweepSnapshot now, Duration elapsed) {
        Map<String, Long> before = start.doneByModel();
        List<String> out = new ArrayList<>();
        now.doneByModel().forEach((model, done) -> out.add(shortName(model) + " " + rate(done - before.getOrDefault(model, 0L), elapsed)));
        return out;
    }

    private static String rate(long trials, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        if (seconds <= 0) {
            return "0";
        }
        double rate = trials / seconds;
        return rate >= 10 ? String.format(Locale.ROOT, "%,.0f", rate) : String.format(Locale.ROOT, "%.1f", rate);
    }

    /** {@code provider/name} without the provider: the names are what people recognise, and the line is short. */
    private static String shortName(String modelId) {
        int slash = modelId.indexOf('/');
        return slash < 0 ? modelId : modelId.substring(slash + 1);
    }

    private static String cut(String line, int width) {
        return width <= 1 || line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
}
