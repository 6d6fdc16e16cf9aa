package dev.crucible.common.trial;

import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.spec.SweepSpec;

/**
 * The sweep's entry in the compacted sweeps topic (key: sweep ID); the latest entry is the sweep's state.
 * Everything needed to resume a sweep on another machine is here or in the sweep's results topic.
 *
 * @param published trials published so far, in expansion order (the fan-out checkpoint)
 * @param simulated true when any model of the sweep is simulated
 * @param cause     why the sweep is in its state: {@code user} (a pause or cancel command), {@code budget},
 *                  {@code completed}; null while running
 * @param message   the state's explanation for people (who paused it and when, how much was spent), or null
 * @param command   the last command of the control topic a coordinator applied to this sweep, or null: a newer one
 *                  there is pending (compared by value, never by clocks of different machines)
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
        long updatedAtMs,
        String cause,
        String message,
        SweepCommand command) {

    public static final int SCHEMA_VERSION = 1;

    public static SweepManifest of(Sweep sweep, SweepState state, long published, long nowMs) {
        return of(sweep, state, published, nowMs, null, null, null);
    }

    public static SweepManifest of(Sweep sweep, SweepState state, long published, long nowMs, String cause, String message,
            SweepCommand command) {
        return new SweepManifest(SCHEMA_VERSION, sweep.sweepId(), sweep.specHash(), sweep.spec(), sweep.trialCount(), state,
                published, sweep.spec().models().stream().anyMatch(m -> m.simulated()), nowMs, cause, message, command);
    }
}
