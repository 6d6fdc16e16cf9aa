package dev.crucible.coordinator.aggregate;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.worker.classify.DeliberationClassifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per (model, condition) cell, and per (model, scenario, deliberation label) for the
 * evaluation-awareness figure: state grows with the grid, never with the number of trials. The aggregator's
 * consumer thread writes; the progress view and the dashboard read snapshots, hence the (uncontended) locks.
 */
final class Tally {
    private final TrialPlan plan;
    private final Map<String, long[]> cells = new HashMap<>();
    /** Key model, scenario, label: [decided, harmful]. */
    private final Map<List<String>, long[]> awareness = new java.util.LinkedHashMap<>();

    private static final int DECIDED = 0;
    private static final int HARMFUL = 1;
    private static final int ERRORS = 2;
    private static final int DEAD = 3;
    private static final int SKIPPED = 4;
    private static final int INPUT = 5;
    private static final int OUTPUT = 6;
    private static final int REASONING = 7;
    private static final int SLOTS = 8;
    /** Cost per cell; a real model's results without a cost make its cells' cost unknown. */
    private final Map<String, double[]> cost = new HashMap<>();
    private final java.util.Set<String> unpriced = new java.util.HashSet<>();

    Tally(TrialPlan plan) {
        this.plan = plan;
    }

    synchronized void add(TrialResult result) {
        countAwareness(result);
        long[] cell = cells.computeIfAbsent(key(result.model(), result.conditionId()), k -> new long[SLOTS]);
        if (result.status() == ResultStatus.SKIPPED) {
            cell[SKIPPED]++;
        } else if (result.status() != ResultStatus.OK || result.harmful() == null) {
            cell[ERRORS]++;
        } else {
            cell[DECIDED]++;
            if (result.harmful()) {
                cell[HARMFUL]++;
            }
        }
    }

    /** Usage and cost of every result read, duplicates and replaced errors included: they were paid for. */
    synchronized void spend(TrialResult result) {
        String key = key(result.model(), result.conditionId());
        long[] cell = cells.computeIfAbsent(key, k -> new long[SLOTS]);
        if (result.usage() != null) {
            cell[INPUT] += result.usage().inputTokens();
            cell[OUTPUT] += result.usage().outputTokens();
            cell[REASONING] += result.usage().reasoningTokens();
        }
        if (result.costUsd() != null) {
            cost.computeIfAbsent(key, k -> new double[1])[0] += result.costUsd();
        } else if (!result.simulated()) {
            unpriced.add(result.model());
        }
    }

    /** An error result was superseded by a later result of the same trial ({@code resume --retry-failed}). */
    synchronized void removeError(String model, String conditionId) {
        cells.computeIfAbsent(key(model, conditionId), k -> new long[SLOTS])[ERRORS]--;
    }

    /** A trial without a result was dead-lettered ({@code +1}), or its dead letter was superseded by a result ({@code -1}). */
    synchronized void deadLetter(String model, String conditionId, int delta) {
        cells.computeIfAbsent(key(model, conditionId), k -> new long[SLOTS])[DEAD] += delta;
    }

    /** Every cell of the grid, in plan order (model, then condition), including cells with no result yet. */
    synchronized List<HarmRate> rates() {
        List<HarmRate> out = new ArrayList<>();
        for (ModelSpec model : plan.models()) {
            for (Condition condition : plan.conditions()) {
                String key = key(model.id(), condition.id());
                long[] cell = cells.getOrDefault(key, new long[SLOTS]);
                boolean priced = model.simulated() || plan.sweep().spec().price(model).isPresent() && !unpriced.contains(model.id());
                out.add(new HarmRate(model.id(), model.simulated(), condition.scenario().token(), condition.id(),
                        cell[DECIDED], cell[HARMFUL], cell[ERRORS], cell[DEAD], cell[SKIPPED], cell[INPUT], cell[OUTPUT], cell[REASONING],
                        priced ? cost.getOrDefault(key, new double[1])[0] : null));
            }
        }
        return out;
    }

    /** Results with the evaluation-awareness notice, by what the model concluded, in order of first appearance. */
    synchronized List<AwarenessRate> awareness() {
        List<AwarenessRate> out = new ArrayList<>();
        awareness.forEach((key, counts) -> out.add(new AwarenessRate(key.get(0), key.get(1), key.get(2), counts[0], counts[1])));
        return out;
    }

    private void countAwareness(TrialResult result) {
        if (result.status() != ResultStatus.OK) {
            return;
        }
        for (Verdict verdict : result.verdicts()) {
            if (DeliberationClassifier.NAME.equals(verdict.classifier()) && verdict.label() != null) {
                // the condition ID starts with the scenario's token (Condition#id)
                int end = result.conditionId().indexOf('_');
                String scenario = end < 0 ? result.conditionId() : result.conditionId().substring(0, end);
                long[] counts = awareness.computeIfAbsent(List.of(result.model(), scenario, verdict.label()), k -> new long[2]);
                // the conditional rate's denominator: a decided harm verdict; an undecided one is an error elsewhere
                if (result.harmful() != null) {
                    counts[0]++;
                    if (result.harmful()) {
                        counts[1]++;
                    }
                }
            }
        }
    }

    private static String key(String model, String conditionId) {
        return model + '\u0000' + conditionId;
    }
}
