package dev.crucible.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ProducerYardstickTest {

    @Test
    void readsTheTotalLineNotTheWindowLines() {
        String output = """
                512337 records sent, 102467.4 records/sec (28.44 MB/sec), 3.1 ms avg latency, 40.0 ms max latency.
                100000 records sent, 228310.502283 records/sec (63.36 MB/sec), 8.24 ms avg latency, 46.00 ms max latency, 6 ms 50th, 22 ms 95th, 38 ms 99th, 45 ms 99.9th.
                """;

        ProducerYardstick.Measurement measured = ProducerYardstick.parse(output, List.of("--topic", "t"));

        assertThat(measured.records()).isEqualTo(100_000);
        assertThat(measured.recordsPerSecond()).isEqualTo(228310.502283);
        assertThat(measured.megabytesPerSecond()).isEqualTo(63.36);
        assertThat(measured.avgLatencyMs()).isEqualTo(8.24);
    }

    @Test
    void keepsARunThatLostRecordsRecognisable() {
        String output = "99586 records sent, 827.524887 records/sec (0.23 MB/sec), 132.36 ms avg latency, "
                + "3408.00 ms max latency, 10 ms 50th, 725 ms 95th, 3397 ms 99th, 3408 ms 99.9th.\n";

        YardstickRuns runs = new YardstickRuns(100_000, List.of(ProducerYardstick.parse(output, List.of())),
                Duration.ofSeconds(1), Duration.ofSeconds(1), OptionalDouble.empty());

        assertThat(runs.complete()).isEmpty();
        assertThat(runs.recordsPerSecond()).isEmpty();
    }

    @Test
    void failsWhenThereIsNoSummaryLine() {
        assertThatThrownBy(() -> ProducerYardstick.parse("nothing useful\n", List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no summary line");
    }
}
