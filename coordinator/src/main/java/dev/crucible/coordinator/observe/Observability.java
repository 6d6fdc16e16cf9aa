package dev.crucible.coordinator.observe;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A process's meters and operational endpoints, started together before anything else and closed last: the
 * registry ({@link ProcessMetrics}), what readiness requires ({@link Readiness}) and the HTTP server
 * ({@link MetricsServer}). The start names the address in one line, {@code metrics: http://HOST:PORT/metrics}.
 */
public final class Observability implements AutoCloseable {
    private final ProcessMetrics metrics;
    private final Readiness readiness;
    private final MetricsServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Observability(ProcessMetrics metrics, Readiness readiness, MetricsServer server) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.server = server;
    }

    /** @throws MetricsPortException when the address cannot be bound (a taken port): the process should stop */
    public static Observability start(MetricsConfig config, PrintStream console) {
        ProcessMetrics metrics = new ProcessMetrics();
        Readiness readiness = new Readiness();
        try {
            MetricsServer server = MetricsServer.start(config, metrics.registry(), readiness);
            console.println("metrics: " + server.metricsUri());
            return new Observability(metrics, readiness, server);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }

    public PrometheusMeterRegistry registry() {
        return metrics.registry();
    }

    public Readiness readiness() {
        return readiness;
    }

    public MetricsServer server() {
        return server;
    }

    /** Idempotent: a signal's shutdown hook and the main thread may both get here. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close();
        metrics.close();
    }
}
