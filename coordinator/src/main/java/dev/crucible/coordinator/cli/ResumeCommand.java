package dev.crucible.coordinator.cli;

import dev.crucible.common.control.BudgetRaise;
import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.spec.Budget;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.coordinator.dispatch.Manifests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = {
        "Continues a sweep from Kafka alone: its spec and fan-out checkpoint from the sweeps topic, its results from",
        "its results topic. Publishes only trials never published; counts every trial once. Resumes a paused sweep",
        "(not a cancelled one). Exit codes as for run: 0 completed, 3 paused, 4 cancelled."})
final class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep to continue")
    String sweepId;

    @Option(names = "--retry-failed", description = "publish again every trial whose result is an error; the new result counts instead")
    boolean retryFailed;

    @Option(names = "--budget-usd", paramLabel = "USD", description = "raise (or set) the sweep's budget in USD")
    Double budgetUsd;

    @Option(names = "--budget-tokens", paramLabel = "N", description = "raise (or set) the sweep's budget in tokens")
    Long budgetTokens;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() throws Exception {
        if (budgetUsd != null && !(budgetUsd > 0) || budgetTokens != null && budgetTokens < 1) {
            System.err.println("crucible: --budget-usd must be > 0 and --budget-tokens >= 1");
            return Crucible.EXIT_INVALID_INPUT;
        }
        return options.run(System.out, (bootstrap, topics) -> {
            SweepManifest manifest = Manifests.latest(bootstrap, topics, sweepId).orElseThrow(() -> new SweepOptions.InvalidInputException(
                    "no sweep " + sweepId + " in " + topics.sweeps() + " at " + bootstrap + " (is --namespace right?)"));
            Sweep sweep = Sweep.of(manifest.spec());
            if (!sweep.sweepId().equals(sweepId) || !sweep.specHash().equals(manifest.specHash())) {
                throw new SweepOptions.InvalidInputException("the manifest of " + sweepId + " holds a spec that hashes to "
                        + sweep.sweepId() + "; refusing to resume a different sweep");
            }
            if (budgetUsd != null && sweep.spec().models().stream().allMatch(m -> m.simulated())) {
                throw new SweepOptions.InvalidInputException("--budget-usd: every model of " + sweepId
                        + " is simulated and costs nothing; use --budget-tokens");
            }
            java.util.List<String> unpriced = sweep.spec().models().stream()
                    .filter(m -> !m.simulated() && sweep.spec().price(m).isEmpty()).map(m -> m.id()).toList();
            if (budgetUsd != null && !unpriced.isEmpty()) {
                throw new SweepOptions.InvalidInputException("--budget-usd: the spec of " + sweepId + " has no price for "
                        + String.join(", ", unpriced) + ", so their spend would go uncounted; use --budget-tokens");
            }
            if (manifest.state() != SweepState.CANCELLED) {
                try (ControlChannel channel = ClusterOptions.control(bootstrap, topics, "cli-resume")) {
                    String by = ClusterOptions.who();
                    if (budgetUsd != null || budgetTokens != null) {
                        Budget raised = channel.budget(sweepId).map(BudgetRaise::budget).orElse(Budget.NONE)
                                .raisedBy(new Budget(budgetUsd, budgetTokens));
                        channel.publish(new BudgetRaise(sweepId, raised, by, System.currentTimeMillis()));
                    }
                    channel.publish(new SweepCommand(sweepId, SweepCommand.Action.RESUME, null, by, System.currentTimeMillis()));
                }
            }
            return sweep;
        }, retryFailed);
    }
}
