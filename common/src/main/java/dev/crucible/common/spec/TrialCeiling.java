package dev.crucible.common.spec;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Refuses a sweep larger than {@code limits.max_trials} before anything is published: one extra dimension or
 * a zero too many in {@code samples} multiplies the grid, and the bill, without any other sign of a mistake.
 */
final class TrialCeiling {

    private TrialCeiling() {
    }

    /** Why {@code spec} is too large, or nothing. */
    static Optional<String> check(SweepSpec spec) {
        return check(spec.space().size(), spec.models().size(), spec.samples(), spec.limits().maxTrials());
    }

    /** A count past {@code long} is above any ceiling; the message then gives the exact count anyway. */
    static Optional<String> check(long conditions, long models, long samples, long ceiling) {
        String trials;
        try {
            long count = Math.multiplyExact(Math.multiplyExact(conditions, models), samples);
            if (count <= ceiling) {
                return Optional.empty();
            }
            trials = Long.toString(count);
        } catch (ArithmeticException overflow) {
            trials = BigInteger.valueOf(conditions).multiply(BigInteger.valueOf(models))
                    .multiply(BigInteger.valueOf(samples)).toString();
        }
        return Optional.of("sweep has " + trials + " trials (" + conditions + " conditions × " + models
                + " models × " + samples + " samples), above the ceiling of " + ceiling + " set by limits.max_trials");
    }
}
