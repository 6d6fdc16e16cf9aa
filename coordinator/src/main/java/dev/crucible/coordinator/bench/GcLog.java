package dev.crucible.coordinator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a JVM's unified GC log ({@code -Xlog:gc*:file=...}): every collection's summary line
 * ({@code [gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 4.1ms}, and the same shape for
 * Serial, Parallel and full collections) gives heap used before and after it and the committed heap.
 *
 * @param collections   collections seen
 * @param peakAfterMb   the most heap still in use after a collection: what the process really kept
 * @param peakBeforeMb  the most heap in use when a collection started, garbage included
 * @param committedMb   the most heap the JVM had committed
 */
record GcLog(int collections, double peakAfterMb, double peakBeforeMb, double committedMb) {
    private static final Pattern SUMMARY = Pattern.compile(
            "\\[gc\\s*\\].*GC\\(\\d+\\) .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static Optional<GcLog> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(Files.readAllLines(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static GcLog parse(List<String> lines) {
        int collections = 0;
        double after = 0;
        double before = 0;
        double committed = 0;
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.find()) {
                collections++;
                before = Math.max(before, mb(m.group(1), m.group(2)));
                after = Math.max(after, mb(m.group(3), m.group(4)));
                committed = Math.max(committed, mb(m.group(5), m.group(6)));
            }
        }
        return new GcLog(collections, after, before, committed);
    }

    private static double mb(String value, String unit) {
        double v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }
}
