package dev.crucible.coordinator.aggregate;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.TrialPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums tokens and cost per model over every result read. The aggregator's thread writes; the budget check, the
 * progress report and the report read, hence the (uncontended) lock.
 */
final class Spend {
    private final TrialPlan plan;
    private final Map<String, long[]> tokens = new HashMap<>();
    private final Map<String, double[]> cost = new HashMap<>();
    private final Map<String, Boolean> unpriced = new HashMap<>();

    private static final int RESULTS = 0;
    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int REASONING = 3;

    Spend(TrialPlan plan) {
        this.plan = plan;
    }

    synchronized void add(TrialResult result) {
        long[] counts = tokens.computeIfAbsent(result.model(), k -> new long[4]);
        counts[RESULTS]++;
        if (result.usage() != null) {
            counts[INPUT] += result.usage().inputTokens();
            counts[OUTPUT] += result.usage().outputTokens();
            counts[REASONING] += result.usage().reasoningTokens();
        }
        if (result.costUsd() != null) {
            cost.computeIfAbsent(result.model(), k -> new double[1])[0] += result.costUsd();
        } else if (!result.simulated()) {
            unpriced.put(result.model(), true);
        }
    }

    /** Every model of the plan, in plan order. */
    synchronized List<ModelSpend> byModel() {
        List<ModelSpend> out = new ArrayList<>();
        for (ModelSpec model : plan.models()) {
            long[] counts = tokens.getOrDefault(model.id(), new long[4]);
            boolean priced = model.simulated() || plan.sweep().spec().price(model).isPresent() && !unpriced.containsKey(model.id());
            Double usd = priced ? cost.getOrDefault(model.id(), new double[1])[0] : null;
            out.add(new ModelSpend(model.id(), model.simulated(), counts[RESULTS], counts[INPUT], counts[OUTPUT], counts[REASONING], usd));
        }
        return out;
    }
}
