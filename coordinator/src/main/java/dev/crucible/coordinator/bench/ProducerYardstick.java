package dev.crucible.coordinator.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own {@code ProducerPerformance} (the {@code kafka-producer-perf-test} tool), run inside this JVM
 * against a broker and topic that already exist.
 *
 * <p>{@code ProducerPerformance.main} returns normally when the run is done; it calls Kafka's {@code Exit.exit}
 * only on arguments it cannot parse, and that is turned into an exception here so it never ends this JVM. The
 * tool prints to {@code System.out}; while it runs, {@code System.out} is replaced by a stream that still
 * prints (the tool's window lines are its progress) and also keeps the text, from which its final summary line
 * is parsed. Not thread-safe with anything else that replaces {@code System.out} or Kafka's exit procedure.
 */
final class ProducerYardstick {
    /** The tool's total line: {@code N records sent, R records/sec (M MB/sec), … ms 50th, …}. */
    private static final Pattern TOTAL = Pattern.compile(
            "^(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency.*50th.*$",
            Pattern.MULTILINE);

    /** What the tool reported in its summary line. */
    record Measurement(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs,
                       String summaryLine, List<String> arguments) {
    }

    private ProducerYardstick() {
    }

    /**
     * Sends {@code records} random records of {@code recordSize} bytes as fast as the producer can
     * ({@code --throughput -1}) with {@code producerSettings}, blocking until all are acknowledged.
     */
    static Measurement run(String bootstrapServers, String topic, long records, int recordSize,
                           Map<String, Object> producerSettings, PrintStream console) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--command-property"));
        new TreeMap<>(producerSettings).forEach((key, value) -> args.add(key + "=" + value));
        args.add("client.id=producer-performance");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Locale originalLocale = Locale.getDefault(Locale.Category.FORMAT);
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        // the tool formats with the default locale; the parser below expects a decimal point
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalArgumentException("ProducerPerformance refused its arguments " + args
                    + " (exit status " + status + (message == null ? "" : ": " + message) + ")");
        });
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            Exit.resetExitProcedure();
            Locale.setDefault(Locale.Category.FORMAT, originalLocale);
            System.out.flush();
            System.setOut(original);
        }
        return parse(captured.toString(StandardCharsets.UTF_8), args);
    }

    static Measurement parse(String output, List<String> args) {
        Matcher matcher = TOTAL.matcher(output);
        Measurement last = null;
        while (matcher.find()) {
            last = new Measurement(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)), matcher.group(), List.copyOf(args));
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary line; it printed:\n" + output);
        }
        return last;
    }

    /** Writes to the console (indented, so the tool's lines stand apart) and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final PrintStream console;
        private final ByteArrayOutputStream copy;
        private boolean lineStart = true;

        Tee(PrintStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) {
            if (lineStart) {
                console.print("  | ");
            }
            console.write(b);
            lineStart = b == '\n';
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            console.flush();
        }
    }
}
