package dev.crucible.coordinator.dashboard;

/**
 * Where the live dashboard listens. Loopback by default: it shows responses and verdicts, which are nobody
 * else's business unless the operator says so with another bind address.
 *
 * @param port 0 for an ephemeral port
 */
public record DashboardConfig(String bind, int port) {
    public static final int DEFAULT_PORT = 8400;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public DashboardConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("dashboard bind address must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dashboard port must be 0..65535, got " + port);
        }
    }

    public static DashboardConfig defaults() {
        return new DashboardConfig(DEFAULT_BIND, DEFAULT_PORT);
    }

    public DashboardConfig withPort(int port) {
        return new DashboardConfig(bind, port);
    }
}
