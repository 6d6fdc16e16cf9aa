package dev.crucible.common.trial;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A sweep's lifecycle, as the manifest records it, with the one table of transitions allowed between states
 * ({@link #canBecome}). Cancelled is final; a completed sweep runs again when something gives it work (a dead
 * letter replayed, {@code resume --retry-failed}).
 */
public enum SweepState {
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    private static final java.util.Map<SweepState, Set<SweepState>> NEXT = java.util.Map.of(
            RUNNING, EnumSet.of(RUNNING, PAUSED, CANCELLED, COMPLETED),
            PAUSED, EnumSet.of(PAUSED, RUNNING, CANCELLED),
            COMPLETED, EnumSet.of(COMPLETED, RUNNING),
            CANCELLED, EnumSet.of(CANCELLED));

    /** Whether a sweep in this state may move to {@code next} (staying put included). */
    public boolean canBecome(SweepState next) {
        return NEXT.get(this).contains(next);
    }

    /** The state after moving to {@code next}; throws {@link IllegalStateException} naming both when it is not allowed. */
    public SweepState to(SweepState next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("a " + token() + " sweep cannot become " + next.token());
        }
        return next;
    }

    public boolean terminal() {
        return this == CANCELLED;
    }

    @JsonValue
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the token; {@code done} is how manifests written before the lifecycle existed said completed. */
    @JsonCreator
    public static SweepState of(String token) {
        return "done".equals(token) ? COMPLETED : valueOf(token.toUpperCase(Locale.ROOT));
    }
}
