package dev.crucible.common.trial;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;

/** A sweep's lifecycle. Allowed transitions are data, checked in one place. */
public enum SweepState {
    RUNNING,
    PAUSED,
    CANCELLED,
    DONE;

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canMoveTo(SweepState next) {
        return switch (this) {
            case RUNNING -> Set.of(RUNNING, PAUSED, CANCELLED, DONE).contains(next);
            case PAUSED -> Set.of(RUNNING, PAUSED, CANCELLED).contains(next);
            case CANCELLED, DONE -> next == this;
        };
    }
}
