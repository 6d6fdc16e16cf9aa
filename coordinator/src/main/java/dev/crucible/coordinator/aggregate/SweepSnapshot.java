package dev.crucible.coordinator.aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the aggregator has counted at one moment: the source of the progress line, the live dashboard and the
 * report. Immutable; taking one costs a pass over the grid's cells, never over trials.
 *
 * @param total       trials in the sweep
 * @param results     trials with a result
 * @param deadLetters dead-lettered trials without a result
 * @param errors      results that erred or could not be classified
 * @param rates       every (model, condition) cell, in plan order
 * @param awareness   harm rates conditional on the deliberation label (empty without the eval notice)
 * @param skipped     results that say the trial was skipped, not run (its sweep was cancelled); among {@code results}
 * @param spend       tokens and cost per model, in plan order
 */
public record SweepSnapshot(String sweepId, boolean simulated, long total, long results, long deadLetters, long errors,
                            long duplicates, List<HarmRate> rates, List<AwarenessRate> awareness, long skipped,
                            List<ModelSpend> spend) {

    public SweepSnapshot {
        rates = List.copyOf(rates);
        awareness = List.copyOf(awareness);
        spend = spend == null ? List.of() : List.copyOf(spend);
    }

    /** A snapshot with nothing skipped and no spend. */
    public SweepSnapshot(String sweepId, boolean simulated, long total, long results, long deadLetters, long errors,
                         long duplicates, List<HarmRate> rates, List<AwarenessRate> awareness) {
        this(sweepId, simulated, total, results, deadLetters, errors, duplicates, rates, awareness, 0, List.of());
    }

    /** Trials finished: with a result (skipped ones included) or dead-lettered. */
    public long done() {
        return results + deadLetters;
    }

    /** Cost of every priced result; models without a price add nothing. */
    public double costUsd() {
        return spend.stream().mapToDouble(s -> s.costUsd() == null ? 0 : s.costUsd()).sum();
    }

    /** Tokens of every result. */
    public long tokens() {
        return spend.stream().mapToLong(ModelSpend::tokens).sum();
    }

    public boolean complete() {
        return done() >= total;
    }

    /** Finished trials per model (results and dead letters), in plan order. */
    public Map<String, Long> doneByModel() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (HarmRate r : rates) {
            out.merge(r.model(), r.decided() + r.errors() + r.deadLetters() + r.skipped(), Long::sum);
        }
        return out;
    }
}
