package dev.crucible.coordinator.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@code crucible bench-resume} measured, and its verdict against the targets: rebuilding a sweep's state on
 * resume under {@link ResumeBenchConfig#REBUILD_TARGET_SECONDS} seconds (from the coordinator process's start), and
 * the coordinator's heap after collections under its {@code -Xmx}, with no OutOfMemoryError (which would end
 * the process with a non-zero exit code).
 *
 * @param loadAverage the machine's one-minute load average when the bench started
 */
record ResumeBenchReport(ResumeBenchConfig config, String namespace, OptionalDouble loadAverage, Part resume, Optional<Part> fanOut) {

    /**
     * One capped coordinator run.
     *
     * @param prepared         how the results got onto the topic beforehand (resume only)
     * @param rebuilt          from the process's start to its "state rebuilt" line; empty when no earlier result
     * @param rebuiltReported  the rebuild as the coordinator reports it: from reading the manifest to caught up
     * @param busyCores        cores the whole machine kept busy while the child ran
     * @param topicBytes       the sweep's results topic on the broker (lz4-compressed batches), -1 if unknown
     */
    record Part(String name, String sweepId, long trials, Optional<ResumeFixture.Prepared> prepared, ChildCoordinator.Run run,
                Optional<Duration> rebuilt, Optional<Double> rebuiltReported, OutputCheck outputs, OptionalDouble busyCores,
                long topicBytes) {

        boolean heapWithinLimit(int limitMb) {
            return run.exitCode() == 0 && run.gc().map(gc -> gc.peakAfterMb() < limitMb).orElse(false);
        }

        boolean rebuildWithinTarget() {
            return rebuilt.map(d -> d.toMillis() / 1e3 < ResumeBenchConfig.REBUILD_TARGET_SECONDS).orElse(false);
        }
    }

    boolean meetsTargets() {
        return resume.rebuildWithinTarget() && resume.heapWithinLimit(config.heapMb()) && resume.outputs().ok()
                && fanOut.map(f -> f.heapWithinLimit(config.heapMb()) && f.outputs().ok()).orElse(true);
    }

    void print(PrintStream out) {
        Locale l = Locale.ROOT;
        out.println();
        out.println("crucible bench-resume — SIMULATED results (zero-latency simulated models): a measurement of Crucible, not of any model");
        out.printf(l, "%-8s %10s %10s %10s %10s %8s %8s %12s  %s%n", "part", "trials", "rebuild s", "total s", "peak MB", "limit MB",
                "exit", "results", "verdict");
        row(out, l, resume);
        fanOut.ifPresent(f -> row(out, l, f));
        out.println();
        out.printf(l, "targets: rebuild < %.0f s from the coordinator process's start; heap after GC < %d MB (-Xmx%dm, exit on OutOfMemoryError)%n",
                ResumeBenchConfig.REBUILD_TARGET_SECONDS, config.heapMb(), config.heapMb());
        detail(out, l, resume);
        fanOut.ifPresent(f -> detail(out, l, f));
        out.printf(l, "machine: %d cores, load average %s when the bench started; topic namespace %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage.isPresent() ? String.format(l, "%.2f", loadAverage.getAsDouble()) : "unknown",
                namespace);
        out.println(meetsTargets() ? "verdict: every target met, every output right" : "verdict: NOT MET (see above)");
    }

    private void row(PrintStream out, Locale l, Part part) {
        out.printf(l, "%-8s %10d %10s %10.1f %10s %8d %8d %12s  %s%n", part.name(), part.trials(),
                part.rebuilt().map(d -> String.format(l, "%.1f", d.toMillis() / 1e3)).orElse("-"), part.run().elapsed().toMillis() / 1e3,
                part.run().gc().filter(gc -> gc.collections() > 0).map(gc -> String.format(l, "%.0f", gc.peakAfterMb())).orElse("-"),
                config.heapMb(), part.run().exitCode(), megabytes(part.outputs().resultsBytes()), verdict(part));
    }

    private String verdict(Part part) {
        StringBuilder v = new StringBuilder();
        if (part.prepared().isPresent()) {
            v.append(part.rebuildWithinTarget() ? "rebuild OK" : "rebuild NOT MET").append(", ");
        }
        v.append(part.heapWithinLimit(config.heapMb()) ? "heap OK" : "heap NOT MET");
        v.append(part.outputs().ok() ? ", outputs OK" : ", outputs WRONG");
        return v.toString();
    }

    private void detail(PrintStream out, Locale l, Part part) {
        out.printf(l, "%s (sweep %s, %,d trials)%n", part.name(), part.sweepId(), part.trials());
        part.prepared().ifPresent(p -> out.printf(l, "  prepared                      %,d results, %s of JSON, produced in %.1f s (not timed)%n",
                part.trials(), megabytes(p.bytes()), p.elapsed().toMillis() / 1e3));
        part.rebuilt().ifPresent(d -> out.printf(l, "  state rebuilt                 %.1f s after the process started (%s s as the coordinator reports it)%n",
                d.toMillis() / 1e3, part.rebuiltReported().map(s -> String.format(l, "%.1f", s)).orElse("?")));
        out.printf(l, "  process ran                   %.1f s, exit code %d%s%n", part.run().elapsed().toMillis() / 1e3, part.run().exitCode(),
                part.run().exitCode() == 3 ? " (OutOfMemoryError)" : "");
        part.run().gc().ifPresentOrElse(gc -> out.printf(l,
                        "  heap (GC log)                 %d collections; peak after GC %.1f MB, peak before GC %.1f MB, committed at most %.1f MB%n",
                        gc.collections(), gc.peakAfterMb(), gc.peakBeforeMb(), gc.committedMb()),
                () -> out.println("  heap (GC log)                 no GC log"));
        OutputCheck o = part.outputs();
        out.printf(l, "  results.jsonl                 %,d lines, %,d distinct trials as planned, %s%n", o.lines(), o.distinct(),
                megabytes(o.resultsBytes()));
        out.printf(l, "  results topic on the broker   %s%n", part.topicBytes() < 0 ? "unknown" : megabytes(part.topicBytes()));
        out.printf(l, "  report.html                   %s%n", megabytes(o.reportBytes()));
        if (part.prepared().isPresent()) {
            out.printf(l, "  summary.csv                   %s%n", o.problems().stream().anyMatch(p -> p.startsWith("summary.csv"))
                    ? "differs from the results (below)" : "every cell's n, harmful and errors as produced");
        }
        part.busyCores().ifPresent(c -> out.printf(l, "  machine busy                  %.2f cores on average while it ran (all processes)%n", c));
        for (String problem : o.problems()) {
            out.printf(l, "  PROBLEM                       %s%n", problem);
        }
        if (part.run().exitCode() != 0) {
            out.printf(l, "  its standard error ends:%n%s%n", part.run().stderrTail());
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
