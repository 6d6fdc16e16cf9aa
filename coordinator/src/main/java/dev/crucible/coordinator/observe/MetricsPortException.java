package dev.crucible.coordinator.observe;

/** The metrics endpoint could not listen where it was told to: the process stops rather than run unobserved. */
public final class MetricsPortException extends RuntimeException {
    private final MetricsConfig config;

    MetricsPortException(MetricsConfig config, String reason, Throwable cause) {
        super("cannot serve metrics on " + config.bind() + ":" + config.port() + ": " + reason
                + "; --metrics-port picks another port (0 for any free one)", cause);
        this.config = config;
    }

    public MetricsConfig config() {
        return config;
    }
}
