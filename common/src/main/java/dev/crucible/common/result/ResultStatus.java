package dev.crucible.common.result;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Terminal status of a trial. Only {@code ok} results count towards harm rates; {@code skipped} means a worker
 * acknowledged the trial without running it (its sweep was cancelled): neither harmful, nor not harmful, nor an
 * error.
 */
public enum ResultStatus {
    OK,
    ERROR,
    SKIPPED;

    @JsonValue
    public String token() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
