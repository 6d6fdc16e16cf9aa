package dev.crucible.coordinator.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import dev.crucible.coordinator.progress.ProgressView;
import dev.crucible.coordinator.report.ReportPage;
import dev.crucible.coordinator.report.ReportSections;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's live dashboard: {@code GET /} is one HTML page ({@link ReportPage#dashboard}) whose script
 * polls {@code GET /api/snapshot} every second, a JSON object with the counts, the progress line and the same
 * progress, figure and table fragments {@code report.html} is made of. Separate from the metrics server on
 * purpose: it serves people, and shows responses' outcomes, so it binds to loopback unless told otherwise.
 * Read-only; a snapshot costs a pass over the grid's cells.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Supplier<SweepSnapshot> snapshots;
    private final SweepSnapshot start;
    private final long startNanos = System.nanoTime();
    private final byte[] page;

    private DashboardServer(HttpServer server, Supplier<SweepSnapshot> snapshots) {
        this.server = server;
        this.snapshots = snapshots;
        this.start = snapshots.get();
        this.page = ReportPage.dashboard(start.sweepId(), start.simulated()).getBytes(StandardCharsets.UTF_8);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::page);
        server.createContext("/api/snapshot", this::snapshot);
        server.start();
    }

    /** Starts serving {@code snapshots}; throws {@link IOException} when the address cannot be bound. */
    public static DashboardServer start(DashboardConfig config, Supplier<SweepSnapshot> snapshots) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 0);
        return new DashboardServer(server, snapshots);
    }

    /** Where a browser finds it (the bound port, also when the config asked for an ephemeral one). */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", page);
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        try {
            send(exchange, 200, "application/json", Json.write(body(snapshots.get())));
        } catch (RuntimeException e) {
            log.warn("dashboard snapshot failed: {}", e.toString());
            send(exchange, 500, "text/plain; charset=utf-8", "snapshot failed\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    Map<String, Object> body(SweepSnapshot now) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sweepId", now.sweepId());
        body.put("simulated", now.simulated());
        body.put("total", now.total());
        body.put("done", now.done());
        body.put("results", now.results());
        body.put("errors", now.errors());
        body.put("deadLetters", now.deadLetters());
        body.put("complete", now.complete());
        body.put("progressLine", ProgressView.plain(start, now, elapsed));
        ReportSections.Fragments fragments = ReportSections.render(now, ReportSections.DASHBOARD_CELL_ROWS);
        body.put("progress", fragments.progress());
        body.put("figures", fragments.figures());
        body.put("tables", fragments.tables());
        return body;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
