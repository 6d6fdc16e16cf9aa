package dev.crucible.coordinator.report;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import dev.crucible.coordinator.dispatch.Manifests;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Rebuilds a sweep's outputs from Kafka alone — the spec from the sweeps topic, the results and dead letters from
 * their topics, through the same {@link Aggregator} a run uses — whether the sweep finished or not.
 */
public final class ReportRebuild {
    private ReportRebuild() {
    }

    /** What was rebuilt, and where. */
    public record Rebuilt(Sweep sweep, Path directory, SweepSnapshot snapshot, Summary summary) {
    }

    /** Empty when the cluster has no manifest for {@code sweepId} in this namespace. */
    public static Optional<Rebuilt> rebuild(String bootstrapServers, Topics topics, String sweepId, Path runsDir) throws InterruptedException {
        Optional<SweepManifest> manifest = Manifests.latest(bootstrapServers, topics, sweepId);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        Sweep sweep = Sweep.of(manifest.get().spec());
        Path directory = runsDir.resolve(sweep.sweepId());
        try (Aggregator results = Aggregator.start(bootstrapServers, topics.results(sweep.sweepId()), topics.deadLetters(),
                new TrialPlan(sweep), directory.resolve("results.jsonl"))) {
            Summary summary = new Summary(sweep.sweepId(), results.finishAsRead());
            summary.writeCsv(directory.resolve("summary.csv"));
            SweepSnapshot snapshot = results.snapshot();
            ReportWriter.write(directory, snapshot);
            return Optional.of(new Rebuilt(sweep, directory, snapshot, summary));
        }
    }
}
