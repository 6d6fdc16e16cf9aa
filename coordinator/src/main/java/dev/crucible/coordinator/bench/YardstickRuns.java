package dev.crucible.coordinator.bench;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The timed ProducerPerformance runs of one bench.
 *
 * @param records    records each run was asked to send
 * @param runs       each run's own summary, in order
 * @param elapsed    wall time of all timed runs (producer start-up and close included)
 * @param cpu        CPU time of this JVM during {@code elapsed}
 * @param otherCores cores kept busy by other processes on the machine during {@code elapsed}, if known
 */
record YardstickRuns(long records, List<ProducerYardstick.Measurement> runs, Duration elapsed, Duration cpu,
                     OptionalDouble otherCores) {

    YardstickRuns {
        runs = List.copyOf(runs);
    }

    /** Runs that sent every record; a run that lost some (a batch expired) measured a stall, not a rate. */
    List<ProducerYardstick.Measurement> complete() {
        return runs.stream().filter(run -> run.records() >= records).toList();
    }

    /** The median records/s of the complete runs (the lower middle one for an even count); empty if none. */
    OptionalDouble recordsPerSecond() {
        List<ProducerYardstick.Measurement> sorted = complete().stream()
                .sorted(Comparator.comparingDouble(ProducerYardstick.Measurement::recordsPerSecond)).toList();
        return sorted.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sorted.get((sorted.size() - 1) / 2).recordsPerSecond());
    }
}
