package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's fault (d) with real processes: two worker processes and a coordinator process, a poison message on the
 * trials topic and trials that crash every attempt. Every trial ends exactly once in the results or in the
 * dead-letter topic with its reason, the poison is dead-lettered, and both workers are still running at the end.
 */
@Tag("fault")
@ExtendWith(KafkaBroker.class)
class PoisonAndCrashProcessesIT {
    private static final String SPEC = """
            name: faults
            samples: 40
            scenarios: [leaking]
            conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement, none]}
            models: [{provider: simulated, name: sim, parameters: {crash_rate: 0.1, latency_ms: 20}}]
            """;

    private final String namespace = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.defaults().withNamespace(namespace);
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void poisonAndAlwaysCrashingTrialsAreDeadLetteredWhileTheWorkersKeepRunning(KafkaBroker.Connection kafka) throws Exception {
        Files.writeString(dir.resolve("faults.yaml"), SPEC);
        Sweep sweep = Sweep.of(SpecLoader.parse("faults.yaml", SPEC));
        TrialPlan plan = new TrialPlan(sweep);
        Set<String> crashing = LongStream.range(0, plan.size()).mapToObj(plan::trial)
                .filter(t -> SimulatedProvider.crashes(t.model(), t.trialId())).map(t -> t.trialId()).collect(Collectors.toSet());
        assertThat(crashing).isNotEmpty().hasSizeLessThan((int) plan.size() / 4);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicSetup(admin, topics).ensureShared();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup()),
                    List.of(new AlterConfigOp(new ConfigEntry("share.delivery.count.limit", "2"), AlterConfigOp.OpType.SET)))).all().get();
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.trials(), "poison", "{\"sweepId\": 42".getBytes(StandardCharsets.UTF_8))).get();
        }
        Process first = crucible("first-worker", "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace, "--id", "first",
                "--consumers", "1", "--max-poll-trials", "10", "--metrics-port", "0");
        Process second = crucible("second-worker", "worker", "--bootstrap", kafka.bootstrapServers(), "--namespace", namespace, "--id", "second",
                "--consumers", "1", "--max-poll-trials", "10", "--metrics-port", "0");
        Process coordinator = crucible("coordinator", "run", dir.resolve("faults.yaml").toString(), "--bootstrap", kafka.bootstrapServers(),
                "--namespace", namespace, "--runs-dir", dir.resolve("runs").toString(), "--no-dashboard", "--metrics-port", "0");

        await().atMost(Duration.ofMinutes(3)).until(() -> !coordinator.isAlive());
        assertThat(coordinator.exitValue()).as(Files.readString(dir.resolve("coordinator.err"))).isZero();
        assertThat(first.isAlive() && second.isAlive()).as("both workers still running").isTrue();

        Path outputs = dir.resolve("runs").resolve(sweep.sweepId());
        Set<String> results = new HashSet<>();
        for (String line : Files.readAllLines(outputs.resolve("results.jsonl"))) {
            assertThat(results.add(Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class).trialId())).isTrue();
        }
        Set<String> dead = new HashSet<>();
        for (String line : Files.readAllLines(outputs.resolve("dead-letters.jsonl"))) {
            JsonNode node = Json.mapper().readTree(line);
            assertThat(dead.add(node.get("trialId").asText())).isTrue();
            assertThat(node.get("reason").asText()).isNotBlank();
        }
        assertThat(dead).isEqualTo(crashing);
        assertThat(results).doesNotContainAnyElementsOf(dead).hasSize((int) plan.size() - crashing.size());

        assertThat(Files.readString(dir.resolve("first-worker.err")) + Files.readString(dir.resolve("second-worker.err")))
                .contains("rejecting undecodable message");
    }

    private Process crucible(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", Path.of("target", "crucible.jar").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
        processes.add(process);
        return process;
    }
}
