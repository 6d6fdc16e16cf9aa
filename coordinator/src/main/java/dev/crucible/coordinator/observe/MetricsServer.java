package dev.crucible.coordinator.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A process's operational endpoints, for Prometheus and for Kubernetes' probes:
 * <ul>
 *   <li>{@code GET /metrics} — every meter of the process's registry in the Prometheus text format (0.0.4);</li>
 *   <li>{@code GET /health/live} — 200 while the process runs;</li>
 *   <li>{@code GET /health/ready} — 200 when {@link Readiness} holds, else 503.</li>
 * </ul>
 * Separate from the live dashboard on purpose: it serves machines, binds to every interface by default, and
 * shows no response, prompt or key. Serves on virtual threads; {@link #close} stops it at once.
 */
public final class MetricsServer implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;

    private MetricsServer(HttpServer server, PrometheusMeterRegistry registry, Readiness readiness) {
        this.server = server;
        this.registry = registry;
        this.readiness = readiness;
        server.setExecutor(executor);
        server.createContext("/metrics", this::metrics);
        server.createContext("/health/live", exchange -> send(exchange, 200, TEXT, "live\n"));
        server.createContext("/health/ready", this::ready);
        server.start();
    }

    /**
     * Starts serving; a taken port is a {@link MetricsPortException} naming the address, so that the process
     * can stop with a message a person understands.
     */
    public static MetricsServer start(MetricsConfig config, PrometheusMeterRegistry registry, Readiness readiness) {
        try {
            return new MetricsServer(HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 0), registry, readiness);
        } catch (BindException e) {
            throw new MetricsPortException(config, "the port is taken (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new MetricsPortException(config, e.toString(), e);
        }
    }

    /** Where Prometheus finds the meters: the bound port (also when an ephemeral one was asked for). */
    public URI metricsUri() {
        InetSocketAddress address = server.getAddress();
        // a wildcard bind answers on loopback too; a person on this machine can open this address
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/metrics");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/metrics")) {
            send(exchange, 404, TEXT, "not found\n");
            return;
        }
        send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
    }

    private void ready(HttpExchange exchange) throws IOException {
        boolean ready = readiness.ready();
        send(exchange, ready ? 200 : 503, TEXT, ready ? "ready\n" : "not ready\n");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
