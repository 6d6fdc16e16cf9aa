package dev.crucible.worker.policy;

import java.util.Optional;

/**
 * Model pauses shared by the fleet: a worker whose call finds a model's quota or spend cap exhausted announces it,
 * and every worker's policy for that {@code provider:account:model} then stops calling it until the pause ends. The
 * worker backs this with the control topic; {@link #none()} keeps pauses to this worker.
 */
public interface FleetPauses {

    /** A pause in force now for {@code policy}, announced by any worker (this one included). */
    Optional<Pause> find(String policy);

    /** Tells the fleet that {@code policy} is paused until {@code untilMs}; failures to tell are logged, never thrown. */
    void announce(String policy, String modelId, String reason, long untilMs);

    /** @param by the worker that found the exhausted quota */
    record Pause(String reason, long untilMs, String by) {
    }

    static FleetPauses none() {
        return new FleetPauses() {
            @Override
            public Optional<Pause> find(String policy) {
                return Optional.empty();
            }

            @Override
            public void announce(String policy, String modelId, String reason, long untilMs) {
            }
        };
    }
}
