package dev.crucible.coordinator.aggregate;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.TrialPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per (model, condition) cell: state grows with the grid, never with the number of trials. Not
 * thread-safe; the aggregator's consumer thread owns it.
 */
final class Tally {
    private final TrialPlan plan;
    private final Map<String, long[]> cells = new HashMap<>();

    private static final int DECIDED = 0;
    private static final int HARMFUL = 1;
    private static final int ERRORS = 2;
    private static final int DEAD = 3;

    Tally(TrialPlan plan) {
        this.plan = plan;
    }

    void add(TrialResult result) {
        long[] cell = cells.computeIfAbsent(key(result.model(), result.conditionId()), k -> new long[4]);
        if (result.status() != ResultStatus.OK || result.harmful() == null) {
            cell[ERRORS]++;
        } else {
            cell[DECIDED]++;
            if (result.harmful()) {
                cell[HARMFUL]++;
            }
        }
    }

    /** A trial without a result was dead-lettered ({@code +1}), or its dead letter was superseded by a result ({@code -1}). */
    void deadLetter(String model, String conditionId, int delta) {
        cells.computeIfAbsent(key(model, conditionId), k -> new long[4])[DEAD] += delta;
    }

    /** Every cell of the grid, in plan order (model, then condition), including cells with no result yet. */
    List<HarmRate> rates() {
        List<HarmRate> out = new ArrayList<>();
        for (ModelSpec model : plan.models()) {
            for (Condition condition : plan.conditions()) {
                long[] cell = cells.getOrDefault(key(model.id(), condition.id()), new long[4]);
                out.add(new HarmRate(model.id(), model.simulated(), condition.scenario().token(), condition.id(),
                        cell[DECIDED], cell[HARMFUL], cell[ERRORS], cell[DEAD]));
            }
        }
        return out;
    }

    private static String key(String model, String conditionId) {
        return model + '\u0000' + conditionId;
    }
}
