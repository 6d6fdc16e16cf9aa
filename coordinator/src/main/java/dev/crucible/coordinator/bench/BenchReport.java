package dev.crucible.coordinator.bench;

import dev.crucible.coordinator.dispatch.FanOut;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one {@code crucible bench} measured, and its printed form.
 *
 * @param config          the settings used
 * @param sweep           the timed sweep
 * @param trialBytes      mean size of a serialized trial message (the JSON value), over a sample of the sweep;
 *                        ProducerPerformance's record size
 * @param bareRuns        the timed runs of the bare Kafka trip: the sweep's trip by plain clients, no Crucible work
 * @param yardstick       the ProducerPerformance runs
 * @param trialPartitions partitions of the trials topic, the results topic and each yardstick topic
 * @param heapMaxBytes    the heap's limit (-Xmx)
 * @param cores           processors this JVM sees
 */
record BenchReport(BenchConfig config, SweepMeasurement sweep, int trialBytes, List<BareTripMeasurement> bareRuns, YardstickRuns yardstick,
                   int trialPartitions, long heapMaxBytes, int cores) {

    /** The target: every trial crosses the broker twice (trial, then result), so about 0.5 is the limit. */
    static final double TARGET_RATIO = 0.35;

    BenchReport {
        if (bareRuns.isEmpty()) {
            throw new IllegalArgumentException("no bare trip run");
        }
        bareRuns = List.copyOf(bareRuns);
    }

    /** The median bare trip run by trips/s (the lower middle one for an even count), as the yardstick's. */
    BareTripMeasurement bare() {
        List<BareTripMeasurement> sorted = bareRuns.stream().sorted(Comparator.comparingDouble(BareTripMeasurement::tripsPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Trials/s over the yardstick's records/s; empty when no ProducerPerformance run sent all its records. */
    OptionalDouble ratio() {
        return perRecord(sweep.trialsPerSecond());
    }

    /** Bare trips/s over the yardstick's records/s: the highest ratio this machine allows. */
    OptionalDouble bareRatio() {
        return perRecord(bare().tripsPerSecond());
    }

    /** Crucible's trials/s as a fraction of the bare trip's trips/s: what Crucible's own work leaves of Kafka's rate. */
    double ofBareTrip() {
        return sweep.trialsPerSecond() / bare().tripsPerSecond();
    }

    private OptionalDouble perRecord(double perSecond) {
        OptionalDouble records = yardstick.recordsPerSecond();
        return records.isPresent() ? OptionalDouble.of(perSecond / records.getAsDouble()) : OptionalDouble.empty();
    }

    boolean meetsTarget() {
        return ratio().orElse(0) >= TARGET_RATIO;
    }

    void print(PrintStream out) {
        Locale l = Locale.ROOT;
        BareTripMeasurement bare = bare();
        out.println();
        out.println("crucible bench — SIMULATED model, 0 ms latency: measures Crucible and Kafka on this machine, no model");
        out.printf(l, "  trials                        %,d  (%d conditions × %d models × %d samples)%n", sweep.trials(),
                sweep.shape().conditions(), sweep.shape().models(), sweep.shape().samples());
        out.printf(l, "  trial message bytes           %,d  (mean JSON value over a sample of the sweep; key 32 bytes more)%n", trialBytes);
        out.printf(l, "  sweep seconds                 %.2f  (fan-out start, topics and aggregator already up → last result counted)%n",
                seconds(sweep.elapsed()));
        out.printf(l, "  trials/s [simulated]          %,.0f%n", sweep.trialsPerSecond());
        out.printf(l, "  bare Kafka trips/s            %,.0f  (the same trip by plain Kafka clients, no Crucible work; median of %s)%n",
                bare.tripsPerSecond(), bareRuns.stream().map(r -> String.format(l, "%,.0f", r.tripsPerSecond())).collect(Collectors.joining(" / ")));
        out.printf(l, "  ProducerPerformance records/s %s  (median of the complete runs: %s; each from its own summary line)%n",
                yardstick.recordsPerSecond().isPresent() ? String.format(l, "%,.0f", yardstick.recordsPerSecond().getAsDouble()) : "none",
                yardstick.runs().stream().map(r -> String.format(l, "%,.0f", r.recordsPerSecond())
                        + (r.records() < yardstick.records() ? " (lost records)" : "")).collect(Collectors.joining(" / ")));
        out.printf(l, "  ratio                         %s  (target ≥ %.2f; a trial crosses the broker twice, ~0.5 is the limit)%n",
                ratio().isPresent() ? String.format(l, "%.3f", ratio().getAsDouble()) : "none", TARGET_RATIO);
        out.printf(l, "  bare trip ratio               %s  (bare trips/s ÷ records/s: the most this machine allows the ratio)%n",
                bareRatio().isPresent() ? String.format(l, "%.3f", bareRatio().getAsDouble()) : "none");
        out.printf(l, "  sweep of bare trip            %.3f  (trials/s ÷ bare trips/s: what Crucible's own work leaves)%n", ofBareTrip());
        double ppMicros = micros(yardstick.cpu()) / (yardstick.records() * yardstick.runs().size());
        double sweepMicros = micros(sweep.cpu()) / sweep.trials();
        double bareMicros = micros(bare.cpu()) / bare.trips();
        out.printf(l, "  CPU per record                %.1f µs/trial, bare trip %.1f µs/trip, ProducerPerformance %.1f µs/record (this JVM)%n",
                sweepMicros, bareMicros, ppMicros);
        out.printf(l, "  CPU cost ratio                %.3f  (ProducerPerformance's µs/record ÷ µs/trial; bare trip %.3f: the ratios if all were CPU-bound,%n",
                ppMicros / sweepMicros, ppMicros / bareMicros);
        out.printf(l, "                                which on %d cores they nearly are; other processes' load moves these less than the rates)%n", cores);
        out.printf(l, "  JVM heap used                 %,d MB right after the sweep, of %,d MB max%n",
                sweep.heapUsedBytes() >> 20, heapMaxBytes >> 20);
        printWhereTimeWent(out, l, bare);
        printSettings(out, l, bare);
        if (!problems().isEmpty()) {
            out.println("NOTE: the bare trip did not carry every record exactly once: " + String.join("; ", problems()));
        }
        if (yardstick.complete().size() < yardstick.runs().size()) {
            out.println("NOTE: a ProducerPerformance run lost records (a batch expired; its errors are above) and is left out");
        }
        if (ratio().isEmpty()) {
            out.println("RESULT: no complete ProducerPerformance run, so no ratio");
        } else {
            out.println(meetsTarget() ? "RESULT: the ratio meets the target" : "RESULT: the ratio is BELOW the target");
        }
    }

    /** What went wrong in any bare trip run; empty when every record of every run made the trip exactly once. */
    List<String> problems() {
        return bareRuns.stream().flatMap(run -> run.problems().stream()).toList();
    }

    private void printWhereTimeWent(PrintStream out, Locale l, BareTripMeasurement bare) {
        out.printf(l, "  sweep CPU                     %.1f s over %.2f s of SweepRunner.run = %.2f of %d cores; GC pauses %.2f s, JIT %.2f s%n",
                seconds(sweep.cpu()), seconds(sweep.runElapsed()), seconds(sweep.cpu()) / seconds(sweep.runElapsed()), cores,
                seconds(sweep.gc()), seconds(sweep.jit()));
        out.printf(l, "  bare trip CPU                 %.1f s over %.2f s of the median run = %.2f cores; GC pauses %.2f s, JIT %.2f s%n",
                seconds(bare.cpu()), seconds(bare.elapsed()), seconds(bare.cpu()) / seconds(bare.elapsed()), seconds(bare.gc()),
                seconds(bare.jit()));
        out.printf(l, "  other processes' load         %s during the sweep, %s during the bare trip, %s during ProducerPerformance%n",
                cores(sweep.otherCores()), cores(bare.otherCores()), cores(yardstick.otherCores()));
        out.println("  CPU by thread role: the timed sweep | the median bare trip run (its threads stand in for the same roles)");
        CpuByRole.print(out, sweep.cpuByRole(), sweep.trials(), bare.cpuByRole(), bare.trips());
        if (!sweep.brokerRequests().isEmpty()) {
            out.println("  broker requests, busiest APIs: during the sweep | during the bare trip");
            BrokerRequests.print(out, sweep.brokerRequests(), sweep.trials(), bare.brokerRequests(), bare.trips());
        }
        out.printf(l, "  ProducerPerformance CPU       %.1f s over %.2f s of %d runs = %.2f cores%n", seconds(yardstick.cpu()),
                seconds(yardstick.elapsed()), yardstick.runs().size(), seconds(yardstick.cpu()) / seconds(yardstick.elapsed()));
        out.printf(l, "  errors / duplicates           %d / %d%n", sweep.errors(), sweep.duplicates());
        out.printf(l, "  bare trip check               %s%n", problems().isEmpty()
                ? "in every run, every record handed out once, its result acknowledged, ACCEPTed, counted once" : String.join("; ", problems()));
    }

    private void printSettings(PrintStream out, Locale l, BareTripMeasurement bare) {
        out.println("settings");
        out.printf(l, "  broker                        embedded, one node, fresh temp data dir; trials and results topics %d partitions%n",
                trialPartitions);
        if (!config.brokerProperties().isEmpty()) {
            out.printf(l, "  broker properties             %s%n", new TreeMap<>(config.brokerProperties()));
        }
        out.printf(l, "  workers                       %d in-process × %d share consumers, max.poll.records %d%n",
                config.workers(), config.consumers(), config.maxPollTrials());
        if (!config.workerProperties().isEmpty()) {
            out.printf(l, "  worker client properties      %s%n", new TreeMap<>(config.workerProperties()));
        }
        out.printf(l, "  fan-out window                %,d trials outstanding; untimed warm-up sweep of %,d trials first%n",
                config.window(), config.warmupTrials());
        out.printf(l, "  bare Kafka trip               transactional producer with the fan-out's settings (commit every %,d, window %,d;%n",
                FanOut.TRIALS_PER_CHECKPOINT, config.window());
        out.printf(l, "                                no checkpoint record), %d × %d share consumers and %d results producers with the%n",
                config.workers(), config.consumers(), config.workers());
        out.printf(l, "                                workers' settings (result acked, then ACCEPT), a counting consumer as the aggregator;%n");
        out.printf(l, "                                payloads sampled from the sweep's own messages: trials (mean %,d bytes) out,%n",
                bare.trialBytes());
        out.printf(l, "                                the timed sweep's results (mean %,d bytes) back; %d timed runs, each on a fresh results topic%n",
                bare.resultBytes(), bareRuns.size());
        out.printf(l, "  ProducerPerformance           %s%n", String.join(" ", yardstick.runs().getFirst().arguments()));
        for (ProducerYardstick.Measurement run : yardstick.runs()) {
            out.printf(l, "    %s%n", run.summaryLine());
        }
    }

    private static String cores(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.2f cores", value.getAsDouble()) : "unknown";
    }

    private static double micros(Duration duration) {
        return duration.toNanos() / 1e3;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
