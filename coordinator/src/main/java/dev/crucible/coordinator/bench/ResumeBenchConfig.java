package dev.crucible.coordinator.bench;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code crucible bench-resume} runs. Immutable; validated on construction.
 *
 * @param trials       trials of the sweep whose state the resumed coordinator rebuilds
 * @param fanOutTrials trials of the sweep a capped coordinator fans out to in-process workers; 0 skips that part
 * @param heapMb       the coordinators' {@code -Xmx}, and the target their heap must stay under
 * @param window       the fan-out's window: most trials outstanding
 * @param workers      in-process workers for the fan-out part (share consumers: 2 each)
 * @param bootstrap    an existing cluster; empty for an embedded broker on a temporary directory
 * @param runsDir      where outputs and logs go and are kept; empty for a temporary directory deleted afterwards
 */
public record ResumeBenchConfig(long trials, long fanOutTrials, int heapMb, long window, int workers, Optional<String> bootstrap,
                                Optional<Path> runsDir) {
    public static final long DEFAULT_TRIALS = 1_000_000;
    public static final long DEFAULT_FAN_OUT_TRIALS = 200_000;
    public static final int DEFAULT_HEAP_MB = 256;
    /** The target for rebuilding a million-trial sweep's state on resume. */
    public static final double REBUILD_TARGET_SECONDS = 30;

    public ResumeBenchConfig {
        if (trials < 1 || trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trials must be in [1, " + Integer.MAX_VALUE + "], got " + trials);
        }
        if (fanOutTrials < 0 || fanOutTrials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fan-out trials must be in [0, " + Integer.MAX_VALUE + "], got " + fanOutTrials);
        }
        if (heapMb < 32) {
            throw new IllegalArgumentException("heap must be at least 32 MB, got " + heapMb);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
    }
}
