package dev.crucible.coordinator.cli;

import dev.crucible.common.control.SweepCommand.Action;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pause", description = {
        "Pauses a sweep: its coordinator stops publishing trials. Trials already queued (at most the window) still run.",
        "`crucible resume <sweepId>` continues it."})
final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep to pause")
    String sweepId;

    @Option(names = "--reason", description = "why, for status and the record")
    String reason;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        return SweepCommandLine.send(cluster, sweepId, Action.PAUSE, reason, command.commandLine().getOut(),
                command.commandLine().getErr());
    }
}
