package dev.crucible.worker.policy;

import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;

/**
 * The one way a worker calls a model: every provider call goes through the policy of its
 * {@code provider:account:model}, which paces, bounds, retries and breaks the circuit (see
 * {@link CallPolicies} for the order). Thread-safe; {@link #call} blocks until the call ended.
 */
public interface CallPolicy {

    /** {@code provider:account:model}: names the rate limiters, bulkhead, retry and circuit breaker. */
    String name();

    /** Never throws for a failed call: every failure is a {@link CallOutcome}. */
    CallOutcome call(ModelProvider provider, ModelRequest request);
}
