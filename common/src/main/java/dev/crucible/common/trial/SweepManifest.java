package dev.crucible.common.trial;

import dev.crucible.common.spec.SweepSpec;

/**
 * The sweep's entry in the compacted sweeps topic (key: sweep ID); the latest entry is the sweep's state.
 * Everything needed to resume a sweep on another machine is here or in the sweep's results topic.
 *
 * @param published trials published so far, in expansion order (the fan-out checkpoint)
 * @param simulated true when any model of the sweep is simulated
 */
public record SweepManifest(
        int schema,
        String sweepId,
        String specHash,
        SweepSpec spec,
        long trialCount,
        SweepState state,
        long published,
        boolean simulated,
        long updatedAtMs) {

    public static final int SCHEMA_VERSION = 1;

    public static SweepManifest of(Sweep sweep, SweepState state, long published, long nowMs) {
        return new SweepManifest(SCHEMA_VERSION, sweep.sweepId(), sweep.specHash(), sweep.spec(), sweep.trialCount(), state,
                published, sweep.spec().models().stream().anyMatch(m -> m.simulated()), nowMs);
    }
}
