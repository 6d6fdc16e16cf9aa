package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.SweepResults;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code crucible report} rebuilds a sweep's outputs from its topics alone. */
@ExtendWith(KafkaBroker.class)
class ReportCommandIT {
    private final String namespace = "report-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);

    @TempDir
    Path runs;

    @Test
    void rebuildsReportSummaryAndResultsOfAFinishedSweepFromTheTopics(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("rebuild.yaml", """
                name: rebuild
                seed: 9
                samples: 15
                scenarios: [leaking, murder]
                conditions: {goal_type: [explicit, none], goal_value: [safety], urgency: [restriction, none]}
                models:
                  - {provider: simulated, name: sim-a, parameters: {harm_rate: 0.6, error_rate: 0.1}}
                  - {provider: simulated, name: sim-b, parameters: {harm_rate: 0.1}}
                """));
        Path directory;
        Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "rebuild-worker").withTopics(topics),
                ProviderRegistry.standard());
        try {
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            directory = new SweepRunner(kafka.bootstrapServers(), topics, runs, 1000, quiet).run(sweep).directory();
        } finally {
            worker.close();
        }
        List<String> summary = Files.readAllLines(directory.resolve("summary.csv"));
        assertThat(Files.readString(directory.resolve("report.html"))).contains("id=\"harm-leaking\"").contains("id=\"harm-murder\"");
        delete(directory);

        int exit = Crucible.execute("report", sweep.sweepId(), "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--runs-dir", runs.toString());

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(directory.resolve("summary.csv"))).isEqualTo(summary);
        SweepResults.assertEveryTrialExactlyOnce(sweep, directory.resolve("results.jsonl"));
        String report = Files.readString(directory.resolve("report.html"));
        assertThat(report).contains("id=\"simulated-banner\"").contains("id=\"harm-leaking\"").contains("id=\"harm-murder\"")
                .contains("<span id=\"done\">" + sweep.trialCount() + "</span>").contains("\"m\":\"simulated/sim-b\"");
    }

    @Test
    void anUnknownSweepIsInvalidInput(KafkaBroker.Connection kafka) {
        int exit = Crucible.execute("report", "nothing-0000000", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--runs-dir", runs.toString());

        assertThat(exit).isEqualTo(Crucible.EXIT_INVALID_INPUT);
        assertThat(runs.resolve("nothing-0000000")).doesNotExist();
    }

    private static void delete(Path directory) throws Exception {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(directory).doesNotExist();
    }
}
