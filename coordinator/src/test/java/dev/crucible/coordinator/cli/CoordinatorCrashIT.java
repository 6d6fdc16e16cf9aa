package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.coordinator.dispatch.Manifests;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.testing.SweepResults;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator process killed with SIGKILL twice during fan-out, then resumed from Kafka alone. */
@Tag("fault")
@ExtendWith(KafkaBroker.class)
class CoordinatorCrashIT {
    private static final String SPEC = """
            name: crash
            samples: 125
            scenarios: [blackmail, murder]
            conditions: {goal_type: [explicit, none], goal_value: [america, global], urgency: [replacement, none]}
            models: [{provider: simulated, name: sim, parameters: {harm_rate: 0.5, latency_ms: 30}}]
            """;

    private final String namespace = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);

    @TempDir
    Path dir;

    @Test
    void aCoordinatorKilledTwiceMidFanOutResumesWithEveryTrialPublishedOnceAndCountedOnce(KafkaBroker.Connection kafka) throws Exception {
        Files.writeString(dir.resolve("crash.yaml"), SPEC);
        Sweep sweep = Sweep.of(SpecLoader.parse("crash.yaml", SPEC));
        assertThat(sweep.trialCount()).isEqualTo(1500);
        List<String> clusterOptions = List.of("--bootstrap", kafka.bootstrapServers(), "--namespace", namespace,
                "--runs-dir", dir.resolve("runs").toString(), "--window", "60", "--metrics-port", "0");
        try (Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "crash-worker").withTopics(topics)
                .withConsumers(2).withMaxPollTrials(5), ProviderRegistry.standard())) {
            killWhenPublishedReaches(start(args("run", dir.resolve("crash.yaml").toString(), clusterOptions)), kafka, sweep, 200);
            long firstCursor = published(kafka, sweep);
            killWhenPublishedReaches(start(args("resume", sweep.sweepId(), clusterOptions)), kafka, sweep, firstCursor + 300);

            Process last = start(args("resume", sweep.sweepId(), clusterOptions));
            assertThat(last.waitFor(180, TimeUnit.SECONDS)).as("the final resume finishes").isTrue();
            assertThat(last.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        }

        SweepResults.assertEveryTrialExactlyOnce(sweep, dir.resolve("runs").resolve(sweep.sweepId()).resolve("results.jsonl"));
        assertThat(committedTrialMessages(kafka)).as("no trial published twice across the crashes").hasSize(1500).doesNotHaveDuplicates();
        assertThat(Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId())).get()
                .extracting(m -> m.state().token()).isEqualTo("completed");
    }

    private void killWhenPublishedReaches(Process coordinator, KafkaBroker.Connection kafka, Sweep sweep, long published) throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> !coordinator.isAlive() || published(kafka, sweep) >= published);
        assertThat(coordinator.isAlive()).as("the coordinator was still fanning out when killed").isTrue();
        coordinator.destroyForcibly();
        assertThat(coordinator.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private long published(KafkaBroker.Connection kafka, Sweep sweep) {
        return Manifests.latest(kafka.bootstrapServers(), topics, sweep.sweepId()).map(SweepManifest::published).orElse(0L);
    }

    private List<String> committedTrialMessages(KafkaBroker.Connection kafka) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.trials()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> message : consumer.poll(Duration.ofMillis(100))) {
                    keys.add(message.key());
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return keys;
        }
    }

    private static List<String> args(String command, String target, List<String> options) {
        List<String> all = new ArrayList<>(List.of(command, target));
        all.addAll(options);
        return all;
    }

    private Process start(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", Path.of("target", "crucible.jar").toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    }
}
