package dev.crucible.coordinator.bench;

import dev.crucible.common.trial.TrialPlan;
import dev.crucible.coordinator.report.Summary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a resumed sweep's outputs against what the bench prepared, in bounded memory: {@code results.jsonl} is
 * streamed (a million trials make gigabytes) and only its trial indices and IDs are looked at, into one bit per
 * trial; {@code summary.csv} is compared cell by cell with the counts the fixture produced; {@code report.html}
 * must exist, say SIMULATED, and stay small.
 *
 * @param lines        lines of results.jsonl
 * @param distinct     distinct trial indices among them, each with the trial ID the plan gives it
 * @param resultsBytes size of results.jsonl
 * @param reportBytes  size of report.html, 0 when missing
 * @param problems     what is wrong; empty when the outputs are right
 */
record OutputCheck(long lines, long distinct, long resultsBytes, long reportBytes, List<String> problems) {
    private static final byte[] INDEX = "\"trialIndex\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "\"trialId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PROBLEMS = 10;
    /** A report that inlined every transcript would weigh what results.jsonl weighs. */
    static final long MAX_REPORT_BYTES = 20_000_000;

    boolean ok() {
        return problems.isEmpty();
    }

    static OutputCheck of(Path directory, TrialPlan plan, Map<String, long[]> expected) {
        List<String> problems = new ArrayList<>();
        Path results = directory.resolve("results.jsonl");
        long lines = 0;
        long distinct = 0;
        long resultsBytes = 0;
        if (!Files.exists(results)) {
            problems.add("no " + results);
        } else {
            BitSet seen = new BitSet((int) plan.size());
            try (InputStream in = Files.newInputStream(results)) {
                LineScanner scanner = new LineScanner(in);
                byte[] line;
                while ((line = scanner.next()) != null) {
                    lines++;
                    long index = number(line, INDEX);
                    String trialId = string(line, ID, 32);
                    if (index < 0 || index >= plan.size()) {
                        problem(problems, "line " + lines + ": trial index " + index + " is not in [0, " + plan.size() + ")");
                    } else if (!plan.trial(index).trialId().equals(trialId)) {
                        problem(problems, "line " + lines + ": trial " + trialId + " is not the plan's trial " + index);
                    } else if (seen.get((int) index)) {
                        problem(problems, "line " + lines + ": trial " + index + " a second time");
                    } else {
                        seen.set((int) index);
                        distinct++;
                    }
                }
                resultsBytes = scanner.bytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + results, e);
            }
            if (distinct != plan.size()) {
                problems.add("results.jsonl holds " + distinct + " distinct trials of " + plan.size());
            }
        }
        checkSummary(directory.resolve("summary.csv"), expected, problems);
        long reportBytes = 0;
        Path report = directory.resolve("report.html");
        try {
            if (!Files.exists(report)) {
                problems.add("no " + report);
            } else {
                reportBytes = Files.size(report);
                if (reportBytes > MAX_REPORT_BYTES) {
                    problems.add("report.html weighs " + reportBytes + " bytes: it does not sample transcripts");
                }
                try (BufferedReader in = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
                    char[] head = new char[8192];
                    int read = in.read(head);
                    if (read <= 0 || !new String(head, 0, read).contains("SIMULATED")) {
                        problems.add("report.html does not say SIMULATED at its top");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
        return new OutputCheck(lines, distinct, resultsBytes, reportBytes, List.copyOf(problems));
    }

    /**
     * Every cell's n, harmful and errors as the fixture produced them, and every cell once; with {@code expected}
     * null (results nobody counted beforehand), only that the file is there.
     */
    private static void checkSummary(Path summary, Map<String, long[]> expected, List<String> problems) {
        if (!Files.exists(summary)) {
            problems.add("no " + summary);
            return;
        }
        if (expected == null) {
            return;
        }
        Set<String> rows = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(summary);
            if (lines.isEmpty() || !lines.getFirst().equals(Summary.CSV_HEADER)) {
                problems.add("summary.csv does not start with its header");
                return;
            }
            for (String line : lines.subList(1, lines.size())) {
                // the bench's model and condition names hold no commas, so no field is quoted
                String[] f = line.split(",", -1);
                String key = ResumeFixture.Prepared.key(f[0], f[3]);
                long[] want = expected.getOrDefault(key, new long[3]);
                long[] got = {Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6])};
                if (!"true".equals(f[1])) {
                    problem(problems, "summary.csv: " + f[0] + " " + f[3] + " is not marked simulated");
                }
                if (!Arrays.equals(want, got)) {
                    problem(problems, "summary.csv: " + f[0] + " " + f[3] + " has n/harmful/errors " + Arrays.toString(got)
                            + ", the results hold " + Arrays.toString(want));
                }
                rows.add(key);
            }
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read " + summary + ": " + e);
            return;
        }
        if (!rows.equals(expected.keySet())) {
            problems.add("summary.csv has " + rows.size() + " cells, the results " + expected.size());
        }
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    /** The non-negative integer after {@code key}, or -1. */
    private static long number(byte[] line, byte[] key) {
        int at = find(line, key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = at; i < line.length && line[i] >= '0' && line[i] <= '9'; i++, digits++) {
            value = value * 10 + (line[i] - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static String string(byte[] line, byte[] key, int length) {
        int at = find(line, key);
        return at < 0 || at + length > line.length ? "" : new String(line, at, length, StandardCharsets.US_ASCII);
    }

    /** Where the bytes after the first {@code key} start, or -1. */
    private static int find(byte[] line, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= line.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (line[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i + key.length;
        }
        return -1;
    }

    /** Lines of a stream as bytes, through one growing buffer: no decoding of the (large) text around the keys. */
    private static final class LineScanner {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 20];
        private int position;
        private int limit;
        private long bytes;
        private byte[] line = new byte[1 << 14];

        LineScanner(InputStream in) {
            this.in = in;
        }

        long bytes() {
            return bytes;
        }

        /** The next non-empty line without its newline (a view valid until the next call), or null at the end. */
        byte[] next() throws IOException {
            int length = 0;
            while (true) {
                if (position == limit) {
                    limit = in.read(chunk);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return length == 0 ? null : Arrays.copyOf(line, length);
                    }
                    bytes += limit;
                }
                byte b = chunk[position++];
                if (b == '\n') {
                    if (length > 0) {
                        return Arrays.copyOf(line, length);
                    }
                    continue;
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }
}
