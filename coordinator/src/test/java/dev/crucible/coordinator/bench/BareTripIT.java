package dev.crucible.coordinator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.observe.TrialBacklog;
import dev.crucible.testing.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code crucible bench}'s bare Kafka trip at a small size, so it cannot rot: a warm-up run, then a run whose window
 * is smaller than its record count (the producer has to wait for counted results, as the fan-out does), every
 * record carried exactly once, and the report printing it. Its figures are not asserted: they belong to the bench.
 */
@ExtendWith(KafkaBroker.class)
class BareTripIT {
    private final Topics topics = Topics.defaults().withNamespace("bare-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void carriesEveryRecordOnceOutAndBackWithTheWorkersGuarantee(KafkaBroker.Connection kafka) throws Exception {
        BenchConfig config = new BenchConfig(3000, 500, 2, 2, 50, 1000, 1, Optional.empty(), Map.of(), Map.of());

        BareTrip.Payloads payloads = new BareTrip.Payloads(messages("trial", 700), messages("result", 900));

        BareTripMeasurement warmup;
        BareTripMeasurement timed;
        try (BareTrip trip = BareTrip.start(kafka.bootstrapServers(), topics, config)) {
            warmup = trip.run("warmup", config.warmupTrials(), payloads);
            timed = trip.run("timed", config.trials(), payloads);
        }

        try (TrialBacklog backlog = TrialBacklog.start(kafka.bootstrapServers(), topics, Duration.ofMillis(200), new SimpleMeterRegistry())) {
            // the broker's own view: every record acknowledged by the share group; at most the last commit marker of each
            // partition stays counted (see TrialBacklogIT)
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.reachable() && backlog.queued() <= topics.trialPartitions());
        }

        assertThat(warmup.problems()).isEmpty();
        assertThat(warmup.distinct()).isEqualTo(500);
        assertThat(timed.problems()).isEmpty();
        assertThat(timed.polled()).isEqualTo(3000);
        assertThat(timed.accepted()).isEqualTo(3000);
        assertThat(timed.redelivered()).isZero();
        assertThat(timed.failed()).isZero();
        assertThat(timed.distinct()).isEqualTo(3000);
        assertThat(timed.resultRecords()).as("one result per record, no duplicate").isEqualTo(3000);
        assertThat(timed.trialBytes()).isEqualTo(700);
        assertThat(timed.resultBytes()).isEqualTo(900);
        assertThat(timed.cpuByRole()).containsKeys("worker: share consumer loops", "coordinator: aggregator");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report(config, List.of(warmup, timed)).print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("SIMULATED", "bare Kafka trips/s", "bare trip ratio", "sweep of bare trip", "µs/trip",
                        "every record handed out once");
    }

    private static List<byte[]> messages(String kind, int bytes) {
        return IntStream.range(0, 16).mapToObj(i -> ("{\"" + kind + "\":" + i + ",\"text\":\"" + "x".repeat(bytes) + "\"}")
                .substring(0, bytes).getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A report around the measured bare trips, with made-up sweep and yardstick figures: only its printing is checked. */
    private BenchReport report(BenchConfig config, List<BareTripMeasurement> bareRuns) {
        BareTripMeasurement bare = bareRuns.getLast();
        SweepMeasurement sweep = new SweepMeasurement("bench-x", config.trials(), BenchGrid.shapeFor(config.trials()), Duration.ofSeconds(2),
                Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ZERO, Duration.ZERO, 1 << 20, 0, 0, bare.cpuByRole(),
                bare.brokerRequests(), OptionalDouble.empty());
        String summary = "3000 records sent, 30000.0 records/sec (20.00 MB/sec), 5.00 ms avg latency, 9.00 ms max latency, "
                + "5 ms 50th, 8 ms 95th, 9 ms 99th, 9 ms 99.9th.";
        YardstickRuns yardstick = new YardstickRuns(config.trials(), List.of(ProducerYardstick.parse(summary, List.of("--topic", "t"))),
                Duration.ofSeconds(1), Duration.ofSeconds(1), OptionalDouble.empty());
        return new BenchReport(config, sweep, 700, bareRuns, yardstick, topics.trialPartitions(), 1L << 30, 2);
    }
}
