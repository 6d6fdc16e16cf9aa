package dev.crucible.common.control;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A person's request to change a sweep's state ({@code crucible pause|resume|cancel}). The coordinator running the
 * sweep applies it, checking the transition against {@link dev.crucible.common.trial.SweepState}; workers read
 * cancels directly, to skip a cancelled sweep's queued trials.
 *
 * @param by   who asked: user and host, for status
 * @param atMs when, epoch milliseconds
 */
public record SweepCommand(String sweepId, Action action, String reason, String by, long atMs) implements ControlMessage {

    public SweepCommand {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(action, "action");
    }

    @Override
    public String key() {
        return ControlMessage.commandKey(sweepId);
    }

    public enum Action {
        PAUSE,
        RESUME,
        CANCEL;

        @JsonValue
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
