package dev.crucible.coordinator.bench;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the timed sweep measured.
 *
 * @param sweepId        the timed sweep
 * @param trials         trials in it
 * @param shape          its grid
 * @param elapsed        the timed span: from the fan-out's start to the last result counted (topic set-up,
 *                       catching up on earlier results and writing the summary are outside it)
 * @param runElapsed     wall time of the whole {@code SweepRunner.run}
 * @param cpu            CPU time of this JVM (broker, workers, coordinator, GC, JIT) during {@code runElapsed}
 * @param gc             collection time the JVM's collectors reported during {@code runElapsed}
 * @param jit            compilation time the JIT reported during {@code runElapsed}
 * @param heapUsedBytes  heap in use right after the sweep (no GC forced)
 * @param errors         trials whose result is an error (0 expected)
 * @param duplicates     results ignored because their trial already had one (0 expected)
 * @param cpuByRole      CPU time during {@code runElapsed} by the role of the thread that spent it
 * @param brokerRequests requests the broker handled during {@code runElapsed}, by API
 * @param otherCores     cores kept busy by other processes on the machine during {@code runElapsed}, if known
 */
record SweepMeasurement(String sweepId, long trials, BenchGrid.Shape shape, Duration elapsed, Duration runElapsed,
                        Duration cpu, Duration gc, Duration jit, long heapUsedBytes, long errors, long duplicates,
                        Map<String, Duration> cpuByRole, Map<String, Long> brokerRequests, OptionalDouble otherCores) {

    double trialsPerSecond() {
        return trials / (elapsed.toNanos() / 1e9);
    }
}
