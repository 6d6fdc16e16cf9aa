package dev.crucible.coordinator.cli;

import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.control.SweepCommand.Action;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.coordinator.dispatch.Manifests;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code crucible pause} and {@code crucible cancel}: sends the command for a sweep and waits a little for the
 * coordinator running it to apply it. A sweep no coordinator runs keeps the command pending: workers skip a cancelled
 * sweep's queued trials at once, and the next coordinator of the sweep applies it when it starts.
 */
abstract sealed class SweepCommandLine implements Callable<Integer> permits PauseCommand, CancelCommand {
    private static final Duration APPLY_WAIT = Duration.ofSeconds(20);

    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep")
    String sweepId;

    @Option(names = "--reason", description = "why, for status and the record")
    String reason;

    @Mixin
    ClusterOptions cluster;

    abstract Action action();

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        return cluster.on((bootstrap, topics) -> send(bootstrap, topics, sweepId, action(), reason, out, err));
    }

    private static int send(String bootstrap, Topics topics, String sweepId, Action action, String reason, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        Optional<SweepManifest> manifest = Manifests.latest(bootstrap, topics, sweepId);
        if (manifest.isEmpty()) {
            err.println("crucible: no sweep " + sweepId + " in " + topics.sweeps() + " at " + bootstrap + " (is --namespace right?)");
            return Crucible.EXIT_INVALID_INPUT;
        }
        SweepState target = action == Action.PAUSE ? SweepState.PAUSED : SweepState.CANCELLED;
        SweepState current = manifest.get().state();
        if (current == target) {
            out.println("sweep " + sweepId + " is already " + current.token());
            return 0;
        }
        if (!current.canBecome(target)) {
            err.println("crucible: sweep " + sweepId + " is " + current.token() + "; a " + current.token() + " sweep cannot become "
                    + target.token());
            return Crucible.EXIT_INVALID_INPUT;
        }
        try (ControlChannel channel = ClusterOptions.control(bootstrap, topics, "cli-" + action.token())) {
            SweepCommand command = new SweepCommand(sweepId, action, reason, ClusterOptions.who(), System.currentTimeMillis());
            channel.publish(command);
            long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Optional<SweepManifest> now = Manifests.latest(bootstrap, topics, sweepId);
                if (now.isPresent() && command.equals(now.get().command()) && now.get().state() == target) {
                    out.println("sweep " + sweepId + ": " + now.get().message());
                    if (target == SweepState.PAUSED) {
                        out.println("trials already queued (at most the coordinator's window) still run; `crucible resume " + sweepId
                                + "` continues the sweep");
                    }
                    return 0;
                }
                if (channel.progress(sweepId).map(p -> p.state().equals(target.token())).orElse(false)) {
                    out.println("sweep " + sweepId + ": " + target.token() + "; the coordinator is waiting for trials already queued");
                    return 0;
                }
                Thread.sleep(250);
            }
            out.println("sweep " + sweepId + ": " + action.token() + " requested; no coordinator running this sweep applied it within "
                    + APPLY_WAIT.toSeconds() + " s: the next one to take it up (run or resume) will"
                    + (action == Action.CANCEL ? "; workers skip its queued trials from now on" : ""));
            return 0;
        }
    }
}
