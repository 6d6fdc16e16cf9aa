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
 */
public record SweepSnapshot(String sweepId, boolean simulated, long total, long results, long deadLetters, long errors,
                            long duplicates, List<HarmRate> rates, List<AwarenessRate> awareness) {

    public SweepSnapshot {
        rates = List.copyOf(rates);
        awareness = List.copyOf(awareness);
    }

    /** Trials finished: with a result or dead-lettered. */
    public long done() {
        return results + deadLetters;
    }

    public boolean complete() {
        return done() >= total;
    }

    /** Finished trials per model (results and dead letters), in plan order. */
    public Map<String, Long> doneByModel() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (HarmRate r : rates) {
            out.merge(r.model(), r.decided() + r.errors() + r.deadLetters(), Long::sum);
        }
        return out;
    }
}
