package dev.crucible.common.control;

import java.util.Objects;

/**
 * A model paused across the fleet: a worker's call policy found its quota or spend cap exhausted, and every worker
 * stops calling it until {@code untilMs}. Keyed by the call policy's name ({@code provider:account:model}), since
 * quotas belong to accounts.
 *
 * @param policy  {@code provider:account:model}
 * @param modelId {@code provider/name}, as status and reports name models
 * @param reason  what the provider said, redacted of secrets
 * @param by      the worker that found it
 */
public record ModelPause(String policy, String modelId, String reason, long untilMs, String by, long atMs) implements ControlMessage {

    public ModelPause {
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String key() {
        return ControlMessage.modelPauseKey(policy);
    }

    public boolean activeAt(long nowMs) {
        return nowMs < untilMs;
    }
}
