package dev.crucible.coordinator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A {@code crucible} command in a JVM of its own with a capped heap: {@code -Xmx}, exit on the first
 * {@link OutOfMemoryError} (so running out is an exit code, not a slow death in GC) and a GC log to read the
 * heap from afterwards. Every line the child prints is kept with the time since its start, so the bench can tell
 * when a given line appeared; its standard error goes to a file next to the GC log.
 */
final class ChildCoordinator {
    /** How long a child may run before the bench gives up on it. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** A line of the child's standard output and when it came, since the child was started. */
    record Line(Duration at, String text) {
    }

    /**
     * @param exitCode the child's exit code; 3 is the JVM's code for {@code -XX:+ExitOnOutOfMemoryError}
     * @param gc       empty when the JVM wrote no GC log
     */
    record Run(List<String> command, int exitCode, Duration elapsed, List<Line> lines, Optional<GcLog> gc, Path stderr) {
        Optional<Line> first(Pattern pattern) {
            return lines.stream().filter(l -> pattern.matcher(l.text()).find()).findFirst();
        }

        String stderrTail() {
            try {
                List<String> all = Files.readAllLines(stderr);
                return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
            } catch (IOException e) {
                return "(cannot read " + stderr + ")";
            }
        }
    }

    private ChildCoordinator() {
    }

    /**
     * Runs {@code crucible args...} on this JVM's class path with at most {@code heapMb} of heap, echoing its
     * lines to {@code echo} with a prefix; blocks until it exits.
     */
    static Run run(List<String> args, int heapMb, Path dir, String name, PrintStream echo) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path gcLog = dir.resolve(name + "-gc.log");
        Path stderr = dir.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc*:file=" + gcLog));
        if (Runtime.version().feature() >= 24) {
            // Kafka's clients and lz4 use Unsafe and native code; JDK 24+ warns about both on every start
            command.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.crucible.coordinator.cli.Crucible"));
        command.addAll(args);
        List<Line> lines = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Thread reader = Thread.ofPlatform().daemon().name("child-" + name).start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String text;
                while ((text = out.readLine()) != null) {
                    Duration at = Duration.ofNanos(System.nanoTime() - started);
                    lines.add(new Line(at, text));
                    echo.printf("  [%s %6.1f s] %s%n", name, at.toMillis() / 1e3, text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean exited = process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        reader.join(Duration.ofSeconds(10));
        return new Run(command, exited ? process.exitValue() : -1, elapsed, List.copyOf(lines), GcLog.read(gcLog), stderr);
    }
}
