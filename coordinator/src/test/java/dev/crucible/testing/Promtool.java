package dev.crucible.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own checker, {@code promtool check metrics}, over a scrape. A missing promtool fails the test
 * ({@code .ci/run} installs Debian's {@code prometheus} package); it is never a reason to skip.
 *
 * <p>promtool exits 1 when the exposition does not parse and 3 when it parses but a name breaks a naming
 * convention. Crucible's own meters ({@code crucible_*}) must pass both. The Kafka clients' and Micrometer's
 * standard JVM/process meters keep the names every existing dashboard knows ({@code kafka_producer_io_time_ns_total},
 * {@code system_cpu_count}), which the linter dislikes; lint findings on those are allowed, nothing else is.
 */
public final class Promtool {
    private static final Path DEFAULT = Path.of("/usr/bin/promtool");
    private static final int LINT_PROBLEMS = 3;
    private static final List<String> FOREIGN = List.of("kafka_", "jvm_", "process_", "system_");

    private Promtool() {
    }

    /** Fails unless promtool accepts {@code scrape} (exposition errors and lint problems alike). */
    public static void assertValid(String scrape, Path workDir) throws IOException, InterruptedException {
        Path executable = Path.of(System.getProperty("promtool", DEFAULT.toString()));
        assertThat(Files.isExecutable(executable))
                .as("promtool at %s (apt-get install -y prometheus; .ci/run installs it)", executable).isTrue();
        Path input = Files.createTempFile(workDir, "scrape", ".txt");
        Path output = Files.createTempFile(workDir, "promtool", ".txt");
        Files.writeString(input, scrape, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(List.of(executable.toString(), "check", "metrics")).redirectInput(input.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes").isTrue();
        String report = Files.readString(output);
        assertThat(process.exitValue()).as("promtool check metrics:%n%s", report).isIn(0, LINT_PROBLEMS);
        assertThat(report.lines().filter(line -> !line.isBlank()))
                .as("promtool's lint findings, allowed only on the Kafka clients' and the JVM's standard names")
                .allMatch(line -> FOREIGN.stream().anyMatch(line::startsWith));
    }
}
