package dev.crucible.coordinator.cli;

import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.coordinator.dispatch.Manifests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = {
        "Continues a sweep from Kafka alone: its spec and fan-out checkpoint from the sweeps topic, its results from",
        "its results topic. Publishes only trials never published; counts every trial once."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep to continue")
    String sweepId;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() throws Exception {
        return options.run(System.out, (bootstrap, topics) -> {
            SweepManifest manifest = Manifests.latest(bootstrap, topics, sweepId).orElseThrow(() -> new SweepOptions.InvalidInputException(
                    "no sweep " + sweepId + " in " + topics.sweeps() + " at " + bootstrap + " (is --namespace right?)"));
            Sweep sweep = Sweep.of(manifest.spec());
            if (!sweep.sweepId().equals(sweepId) || !sweep.specHash().equals(manifest.specHash())) {
                throw new SweepOptions.InvalidInputException("the manifest of " + sweepId + " holds a spec that hashes to "
                        + sweep.sweepId() + "; refusing to resume a different sweep");
            }
            return sweep;
        });
    }
}
