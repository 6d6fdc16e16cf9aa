package dev.crucible.coordinator.cli;

import dev.crucible.common.control.SweepCommand.Action;
import picocli.CommandLine.Command;

@Command(name = "pause", description = {
        "Pauses a sweep: its coordinator stops publishing trials. Trials already queued (at most the window) still run.",
        "`crucible resume <sweepId>` continues it."})
final class PauseCommand extends SweepCommandLine {
    @Override
    Action action() {
        return Action.PAUSE;
    }
}
