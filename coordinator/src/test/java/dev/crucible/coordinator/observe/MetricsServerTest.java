package dev.crucible.coordinator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void servesPrometheusTextAndHealthThatFollowsReadiness() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (Observability observability = Observability.start(new MetricsConfig("127.0.0.1", 0),
                new PrintStream(console, true, StandardCharsets.UTF_8))) {
            Counter.builder("crucible.trials.started").tag("model", "simulated/a").register(observability.registry()).increment();
            URI metrics = observability.server().metricsUri();
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("metrics: " + metrics);

            HttpResponse<String> scrape = get(metrics);
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue(MetricsServer.PROMETHEUS_TEXT);
            assertThat(scrape.body()).contains("crucible_trials_started_total{model=\"simulated/a\"} 1.0").contains("jvm_memory_used_bytes");

            assertThat(get(metrics.resolve("/health/live")).statusCode()).isEqualTo(200);
            assertThat(get(metrics.resolve("/health/ready")).statusCode()).as("nothing registered yet").isEqualTo(503);
            AtomicBoolean ready = new AtomicBoolean(true);
            observability.readiness().require(ready::get);
            assertThat(get(metrics.resolve("/health/ready")).statusCode()).isEqualTo(200);
            ready.set(false);
            assertThat(get(metrics.resolve("/health/ready")).statusCode()).isEqualTo(503);
            assertThat(get(metrics.resolve("/nothing")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        try (Observability first = Observability.start(new MetricsConfig("127.0.0.1", 0), quiet)) {
            int taken = first.server().port();
            assertThatThrownBy(() -> Observability.start(new MetricsConfig("127.0.0.1", taken), quiet))
                    .isInstanceOf(MetricsPortException.class)
                    .hasMessageContaining("cannot serve metrics on 127.0.0.1:" + taken)
                    .hasMessageContaining("--metrics-port");
        }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
