package dev.crucible.worker.provider;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;

/**
 * One call to a model. Real providers send only the model, its parameters and the prompts.
 *
 * @param condition   the trial's condition, read only by the simulated model to pick its behaviour profile
 * @param samplingKey identifies the trial, so the simulated model answers the same trial the same way
 */
public record ModelRequest(ModelSpec model, String systemPrompt, String userPrompt, Condition condition, String samplingKey) {
}
