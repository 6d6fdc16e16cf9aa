package dev.crucible.worker.provider;

import dev.crucible.common.result.TrialResult.Usage;
import java.util.Objects;

/**
 * What a model answered. Reasoning ("thinking") is kept apart from the answer so that a classifier never
 * mistakes private deliberation for an action.
 *
 * @param stopReason the provider's own word for why generation stopped ({@code end_turn}, {@code stop},
 *                   {@code MAX_TOKENS}, ...), as the provider spelled it
 * @param quota      what the provider said about the account's remaining quota; {@link Quota#UNKNOWN} if nothing
 */
public record ModelResponse(String text, String reasoning, Usage usage, String stopReason, long latencyMs, Quota quota) {

    public ModelResponse {
        Objects.requireNonNull(usage, "usage");
        quota = quota == null ? Quota.UNKNOWN : quota;
    }

    /** A response that says nothing about quota (the simulated model). */
    public ModelResponse(String text, String reasoning, Usage usage, String stopReason, long latencyMs) {
        this(text, reasoning, usage, stopReason, latencyMs, Quota.UNKNOWN);
    }
}
