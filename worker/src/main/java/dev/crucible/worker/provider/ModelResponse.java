package dev.crucible.worker.provider;

import dev.crucible.common.result.TrialResult.Usage;

/**
 * What a model answered. Reasoning ("thinking") is kept apart from the answer so that a classifier never
 * mistakes private deliberation for an action.
 */
public record ModelResponse(String text, String reasoning, Usage usage, String stopReason, long latencyMs) {
}
