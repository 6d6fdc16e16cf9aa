package dev.crucible.common.trial;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A sweep's lifecycle, as the manifest records it. */
public enum SweepState {
    RUNNING,
    PAUSED,
    CANCELLED,
    DONE;

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
