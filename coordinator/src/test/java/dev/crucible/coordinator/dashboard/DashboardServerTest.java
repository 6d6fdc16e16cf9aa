package dev.crucible.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DashboardServerTest {
    private static final String CONDITION = "murder_explicit-america_replacement_dev_instr-none_notice-off";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageAndTheCurrentSnapshotOnLoopback() throws Exception {
        AtomicReference<SweepSnapshot> current = new AtomicReference<>(snapshot(10));
        try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0), current::get)) {
            assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");

            HttpResponse<String> page = get(server.uri());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("id=\"simulated-banner\"").contains("s-9");

            JsonNode first = Json.mapper().readTree(get(server.uri().resolve("api/snapshot")).body());
            assertThat(first.get("done").asLong()).isEqualTo(10);
            assertThat(first.get("total").asLong()).isEqualTo(100);
            assertThat(first.get("figures").asText()).contains("<svg").contains("simulated/sim-x");
            assertThat(first.get("progressLine").asText()).contains("10/100 trials");

            current.set(snapshot(60));
            JsonNode later = Json.mapper().readTree(get(server.uri().resolve("api/snapshot")).body());
            assertThat(later.get("done").asLong()).isEqualTo(60);
            assertThat(later.get("complete").asBoolean()).isFalse();

            assertThat(get(server.uri().resolve("nothing-here")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTakenPortIsReportedNotIgnored() throws Exception {
        try (DashboardServer first = DashboardServer.start(new DashboardConfig("127.0.0.1", 0), () -> snapshot(0))) {
            int taken = first.uri().getPort();
            assertThatThrownBy(() -> DashboardServer.start(new DashboardConfig("127.0.0.1", taken), () -> snapshot(0)))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void defaultsToLoopbackOnPort8400() {
        assertThat(DashboardConfig.defaults()).isEqualTo(new DashboardConfig("127.0.0.1", 8400));
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SweepSnapshot snapshot(long done) {
        return new SweepSnapshot("s-9", true, 100, done, 0, 0, 0,
                List.of(new HarmRate("simulated/sim-x", true, "murder", CONDITION, done, done / 2, 0, 0)), List.of());
    }
}
