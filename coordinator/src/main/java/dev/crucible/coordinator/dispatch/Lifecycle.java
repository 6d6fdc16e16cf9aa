package dev.crucible.coordinator.dispatch;

import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import java.util.Optional;

/**
 * Where a sweep stands when a coordinator takes it up, from its manifest and the control topic's latest command.
 * A command is pending when it differs from the one the manifest says was applied last; commands are compared by
 * value, never by the clocks of the machines that wrote them.
 *
 * @param state   the state the coordinator goes on in
 * @param cause   why (user, budget, completed), or null while running
 * @param message for people, or null
 * @param command the command now applied (the pending one, if any)
 */
record Lifecycle(SweepState state, String cause, String message, SweepCommand command) {

    static final String USER = "user";
    static final String BUDGET = "budget";

    /** The state a coordinator starts from; checks the transition a pending command asks for. */
    static Lifecycle at(Optional<SweepManifest> manifest, Optional<SweepCommand> latest) {
        SweepState current = manifest.map(SweepManifest::state).orElse(SweepState.RUNNING);
        SweepCommand applied = manifest.map(SweepManifest::command).orElse(null);
        Lifecycle standing = new Lifecycle(current == SweepState.COMPLETED ? SweepState.RUNNING : current,
                manifest.map(SweepManifest::cause).orElse(null), manifest.map(SweepManifest::message).orElse(null), applied);
        if (current == SweepState.CANCELLED || latest.isEmpty() || latest.get().equals(applied)) {
            return standing.state() == SweepState.RUNNING ? new Lifecycle(SweepState.RUNNING, null, null, applied) : standing;
        }
        return standing.apply(latest.get());
    }

    /** This state after {@code command}; a command the table refuses (resuming a cancelled sweep) changes nothing. */
    Lifecycle apply(SweepCommand command) {
        SweepState next = switch (command.action()) {
            case PAUSE -> SweepState.PAUSED;
            case RESUME -> SweepState.RUNNING;
            case CANCEL -> SweepState.CANCELLED;
        };
        if (!state.canBecome(next)) {
            return new Lifecycle(state, cause, message, command);
        }
        return switch (next) {
            case RUNNING -> new Lifecycle(SweepState.RUNNING, null, null, command);
            case PAUSED -> new Lifecycle(SweepState.PAUSED, USER, "paused by " + command.by() + describe(command), command);
            case CANCELLED -> new Lifecycle(SweepState.CANCELLED, USER, "cancelled by " + command.by() + describe(command), command);
            case COMPLETED -> throw new IllegalStateException("no command completes a sweep");
        };
    }

    /** Paused because the budget was reached. */
    Lifecycle budgetReached(String why) {
        return new Lifecycle(state.to(SweepState.PAUSED), BUDGET, why, command);
    }

    private static String describe(SweepCommand command) {
        return " at " + java.time.Instant.ofEpochMilli(command.atMs())
                + (command.reason() == null || command.reason().isBlank() ? "" : ": " + command.reason());
    }
}
