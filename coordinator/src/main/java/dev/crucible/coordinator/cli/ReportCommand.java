package dev.crucible.coordinator.cli;

import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.coordinator.report.ReportRebuild;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = {
        "Rebuilds runs/<sweepId>/report.html, summary.csv, results.jsonl and dead-letters.jsonl from the sweep's topics,",
        "finished or not. Without --bootstrap: reads the embedded broker's data in <runs-dir>/.kafka."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep")
    String sweepId;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "the Kafka cluster the sweep ran on")
    String bootstrap;

    @Option(names = "--namespace", defaultValue = Topics.DEFAULT_NAMESPACE, description = "topic namespace (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(names = "--runs-dir", defaultValue = "runs", description = "where the sweep's directory is written (default: ${DEFAULT-VALUE})")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        Topics topics = Topics.defaults().withNamespace(namespace);
        if (bootstrap != null) {
            return rebuild(bootstrap, topics);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(runsDir.resolve(".kafka"))) {
            return rebuild(broker.bootstrapServers(), topics);
        }
    }

    private int rebuild(String bootstrapServers, Topics topics) throws InterruptedException {
        Optional<ReportRebuild.Rebuilt> rebuilt = ReportRebuild.rebuild(bootstrapServers, topics, sweepId, runsDir);
        if (rebuilt.isEmpty()) {
            System.err.println("crucible: no sweep " + sweepId + " in " + topics.sweeps() + " at " + bootstrapServers + " (is --namespace right?)");
            return Crucible.EXIT_INVALID_INPUT;
        }
        ReportRebuild.Rebuilt r = rebuilt.get();
        r.summary().print(System.out);
        System.out.printf("%nsweep %s: %d of %d trials finished (%d errors, %d dead-lettered); wrote %s%n", sweepId, r.snapshot().done(),
                r.snapshot().total(), r.snapshot().errors(), r.snapshot().deadLetters(), r.directory().resolve("report.html").toAbsolutePath().toUri());
        return 0;
    }
}
