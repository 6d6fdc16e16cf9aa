package dev.crucible.worker.policy;

/**
 * How many workers share each account's limits right now, so that each takes limit ÷ workers. Implementations
 * are thread-safe and cheap to call: the policy asks on every call.
 */
@FunctionalInterface
public interface FleetShare {

    /** At least 1. */
    int liveWorkers();

    /** This worker alone: it takes the whole limit. */
    static FleetShare alone() {
        return () -> 1;
    }
}
