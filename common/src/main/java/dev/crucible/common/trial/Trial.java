package dev.crucible.common.trial;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.Price;

/**
 * One unit of work, self-contained so that any worker can run it without asking anyone: the condition
 * travels as its ID (which parses back to every dimension) and the model with its parameters.
 *
 * @param index  position in the sweep's deterministic expansion order; the aggregator counts results by it
 * @param sample sample index within (condition, model)
 * @param seed   the sweep's seed; the simulated model mixes it with the trial ID
 * @param judge  the model that judges the response ({@code classifiers.judge}), carried so that workers need
 *               no sweep configuration; null in messages from before judges existed (a worker then uses the
 *               simulated judge for a simulated model and reports an error verdict for a real one)
 * @param price  the model's price from the spec's {@code prices}, so the worker can put a cost on the result; null
 *               when the spec prices it not (and always for the simulated model, which costs nothing)
 */
public record Trial(String sweepId, String trialId, long index, Condition condition, ModelSpec model, int sample, long seed,
        ModelSpec judge, Price price) {

    /** A trial whose model has no price. */
    public Trial(String sweepId, String trialId, long index, Condition condition, ModelSpec model, int sample, long seed,
            ModelSpec judge) {
        this(sweepId, trialId, index, condition, model, sample, seed, judge, null);
    }

    /** A trial with no judge named; see {@link #judge()}. */
    public Trial(String sweepId, String trialId, long index, Condition condition, ModelSpec model, int sample, long seed) {
        this(sweepId, trialId, index, condition, model, sample, seed, null, null);
    }
}
