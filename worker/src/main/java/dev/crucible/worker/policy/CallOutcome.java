package dev.crucible.worker.policy;

import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;

/** How a model call ended once the policy gave up or succeeded; the trial executor maps each to a trial outcome. */
public sealed interface CallOutcome {

    /** The model answered (perhaps after retries). */
    record Answered(ModelResponse response, int attempts) implements CallOutcome {
    }

    /** The request itself was refused; retrying cannot help, so the trial ends as an error. */
    record Refused(ProviderException failure) implements CallOutcome {
    }

    /** Retries ran out, or the wait asked for was too long, or the circuit is open: another attempt later may succeed. */
    record Unfinished(String reason) implements CallOutcome {
    }

    /** The model is paused (quota or spend cap exhausted) until {@code untilEpochMs}; nothing was sent. */
    record Paused(String reason, long untilEpochMs) implements CallOutcome {
    }
}
