package dev.crucible.coordinator.cli;

import dev.crucible.common.control.SweepCommand.Action;
import picocli.CommandLine.Command;

@Command(name = "cancel", description = {
        "Cancels a sweep for good: its coordinator stops publishing trials, and workers acknowledge its queued trials as",
        "skipped without running them. A cancelled sweep cannot be resumed."})
final class CancelCommand extends SweepCommandLine {
    @Override
    Action action() {
        return Action.CANCEL;
    }
}
