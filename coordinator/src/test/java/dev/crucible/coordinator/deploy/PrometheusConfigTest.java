package dev.crucible.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own checker on deploy/prometheus: the compose file's scrape config and the alerting rules. A missing
 * promtool fails the test ({@code .ci/run} installs Debian's {@code prometheus} package). Debian builds Prometheus
 * without Kubernetes service discovery, so kubernetes-scrape.yml is left to {@link DeployManifestsTest}.
 */
class PrometheusConfigTest {
    private static final Path PROMTOOL = Path.of(System.getProperty("promtool", "/usr/bin/promtool"));

    @Test
    void composeScrapeConfigAndItsRulesAreValid(@TempDir Path dir) throws Exception {
        Path rules = DeployFiles.dir().resolve("prometheus/rules.yml");
        // the compose file mounts rules.yml at this path; here it is where the repository has it
        String config = DeployFiles.read("prometheus/prometheus.yml").replace("/etc/prometheus/rules.yml", rules.toString());
        assertThat(config).contains(rules.toString());
        Path file = Files.writeString(dir.resolve("prometheus.yml"), config, StandardCharsets.UTF_8);

        String report = promtool(dir, "check", "config", file.toString());

        assertThat(report).contains("SUCCESS: 1 rule files found").contains("is valid prometheus config file syntax");
    }

    @Test
    void alertingRulesAreValid(@TempDir Path dir) throws Exception {
        String report = promtool(dir, "check", "rules", DeployFiles.dir().resolve("prometheus/rules.yml").toString());

        assertThat(report).containsPattern("SUCCESS: \\d+ rules found");
    }

    private static String promtool(Path dir, String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(PROMTOOL)).as("promtool at %s (apt-get install -y prometheus; .ci/run installs it)", PROMTOOL)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Path output = dir.resolve("promtool.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finishes").isTrue();
        String report = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), report).isZero();
        return report;
    }
}
