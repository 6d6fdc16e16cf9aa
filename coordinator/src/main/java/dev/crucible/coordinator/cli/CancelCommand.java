package dev.crucible.coordinator.cli;

import dev.crucible.common.control.SweepCommand.Action;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "cancel", description = {
        "Cancels a sweep for good: its coordinator stops publishing trials, and workers acknowledge its queued trials as",
        "skipped without running them. A cancelled sweep cannot be resumed."})
final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep to cancel")
    String sweepId;

    @Option(names = "--reason", description = "why, for status and the record")
    String reason;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        return SweepCommandLine.send(cluster, sweepId, Action.CANCEL, reason, command.commandLine().getOut(),
                command.commandLine().getErr());
    }
}
