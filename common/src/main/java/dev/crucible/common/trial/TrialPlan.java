package dev.crucible.common.trial;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import java.util.List;

/**
 * The lazy, deterministic expansion of a sweep into trials. Only the conditions (thousands at most) are held;
 * trial {@code i} is computed from its index, so a million-trial sweep never sits in memory.
 *
 * <p>Order is sample-major: all (condition, model) cells get sample 0 before any gets sample 1. A partly
 * finished sweep therefore has balanced coverage of every cell, and fan-out spreads load across providers.
 */
public final class TrialPlan {
    private final Sweep sweep;
    private final List<Condition> conditions;
    private final List<ModelSpec> models;
    private final long size;

    public TrialPlan(Sweep sweep) {
        this.sweep = sweep;
        this.conditions = sweep.spec().space().conditions();
        this.models = sweep.spec().models();
        this.size = sweep.trialCount();
    }

    public Sweep sweep() {
        return sweep;
    }

    public long size() {
        return size;
    }

    public List<Condition> conditions() {
        return conditions;
    }

    public List<ModelSpec> models() {
        return models;
    }

    public Trial trial(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("trial index " + index + " outside [0, " + size + ")");
        }
        long cells = (long) conditions.size() * models.size();
        int sample = (int) (index / cells);
        long cell = index % cells;
        Condition condition = conditions.get((int) (cell / models.size()));
        ModelSpec model = models.get((int) (cell % models.size()));
        String trialId = trialId(sweep.sweepId(), condition.id(), model.id(), sample);
        return new Trial(sweep.sweepId(), trialId, index, condition, model, sample, sweep.spec().seed(),
                sweep.spec().classifiers().judge(), sweep.spec().price(model).orElse(null));
    }

    /**
     * A stable 128-bit hash of what identifies a trial. The same trial always gets the same ID, so running
     * it twice can never make a second result: results are keyed and counted by it.
     */
    public static String trialId(String sweepId, String conditionId, String modelId, int sample) {
        return Sweep.sha256Hex(sweepId + '\u0000' + conditionId + '\u0000' + modelId + '\u0000' + sample).substring(0, 32);
    }
}
