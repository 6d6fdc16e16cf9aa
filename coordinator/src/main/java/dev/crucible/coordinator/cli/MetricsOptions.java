package dev.crucible.coordinator.cli;

import dev.crucible.coordinator.observe.MetricsConfig;
import picocli.CommandLine.Option;

/** Where a process serves /metrics and /health; the default port depends on the command (worker or coordinator). */
final class MetricsOptions {

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "port of /metrics and /health/{live,ready}, 0 for any free port (default: 9400 for worker, 9401 for run and resume)")
    Integer port;

    @Option(names = "--metrics-bind", defaultValue = MetricsConfig.DEFAULT_BIND, paramLabel = "ADDR",
            description = "address /metrics and /health listen on (default: ${DEFAULT-VALUE}, every interface, for Prometheus and probes)")
    String bind;

    MetricsConfig config(int defaultPort) {
        return new MetricsConfig(bind, port != null ? port : defaultPort);
    }
}
