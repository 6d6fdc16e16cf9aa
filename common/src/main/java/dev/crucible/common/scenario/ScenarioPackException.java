package dev.crucible.common.scenario;

/** The scenario pack on the classpath is incomplete or malformed; the message names the file and the field. */
public final class ScenarioPackException extends RuntimeException {
    ScenarioPackException(String message) {
        super("scenario pack: " + message);
    }

    ScenarioPackException(String message, Throwable cause) {
        super("scenario pack: " + message, cause);
    }
}
