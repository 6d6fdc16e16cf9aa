package dev.crucible.coordinator.plan;

import dev.crucible.common.condition.Scenario;
import dev.crucible.common.spec.ModelSpec;

/**
 * The planned size of one scenario × model cell of a sweep.
 *
 * @param conditions   the scenario's conditions in the sweep
 * @param trials       conditions × samples
 * @param inputTokens  estimated prompt tokens over all the cell's trials (see {@link TokenEstimator})
 * @param outputTokens assumed answer tokens over all the cell's trials (see {@link TokenEstimator})
 * @param sampled      how many renders the input estimate averages
 */
public record TokenEstimate(Scenario scenario, ModelSpec model, long conditions, long trials, long inputTokens,
        long outputTokens, int sampled) {
}
