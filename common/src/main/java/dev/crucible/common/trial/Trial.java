package dev.crucible.common.trial;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;

/**
 * One unit of work, self-contained so that any worker can run it without asking anyone: the condition
 * travels as its ID (which parses back to every dimension) and the model with its parameters.
 *
 * @param index  position in the sweep's deterministic expansion order; the aggregator counts results by it
 * @param sample sample index within (condition, model)
 * @param seed   the sweep's seed; the simulated model mixes it with the trial ID
 */
public record Trial(String sweepId, String trialId, long index, Condition condition, ModelSpec model, int sample, long seed) {
}
