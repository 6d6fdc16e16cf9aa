package dev.crucible.coordinator.observe;

/**
 * Where a process serves {@code /metrics} and {@code /health/*}. All interfaces by default: Prometheus and the
 * Kubernetes probes reach pods from outside. Nothing secret is served there (see docs/metrics.md).
 *
 * @param port 0 for an ephemeral port (the log line names the one taken)
 */
public record MetricsConfig(String bind, int port) {
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final int WORKER_PORT = 9400;
    public static final int COORDINATOR_PORT = 9401;

    public MetricsConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("metrics bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
        }
    }
}
