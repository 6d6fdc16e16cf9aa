package dev.crucible.coordinator.dispatch;

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
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Trials that always fail their attempt exhaust their deliveries; the broker dead-letters them; the sweep still ends. */
@ExtendWith(KafkaBroker.class)
class DeadLetterSweepIT {
    private final Topics topics = Topics.defaults().withNamespace("dlq-" + UUID.randomUUID().toString().substring(0, 8));

    @TempDir
    Path runs;

    @Test
    void crashingTrialsAreDeadLetteredAndTheSweepCompletes(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("dlq.yaml", """
                name: dlq
                samples: 30
                scenarios: [leaking]
                conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement]}
                models: [{provider: simulated, name: sim, parameters: {crash_rate: 0.15, max_attempts: 1}}]
                """));
        TrialPlan plan = new TrialPlan(sweep);
        Set<String> crashing = LongStream.range(0, plan.size()).mapToObj(plan::trial)
                .filter(t -> SimulatedProvider.crashes(t.model(), t.trialId())).map(t -> t.trialId()).collect(Collectors.toSet());
        assertThat(crashing).isNotEmpty().hasSizeLessThan((int) plan.size() / 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicSetup(admin, topics).ensureShared();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup()),
                    List.of(new AlterConfigOp(new ConfigEntry("share.delivery.count.limit", "2"), AlterConfigOp.OpType.SET)))).all().get();
        }
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        SweepRunner.Outcome outcome;
        try (Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "dlq-worker").withTopics(topics).withConsumers(2),
                ProviderRegistry.standard())) {
            outcome = new SweepRunner(kafka.bootstrapServers(), topics, runs, 1000,
                    new PrintStream(console, true, StandardCharsets.UTF_8)).run(sweep);
        }

        Set<String> results = new HashSet<>();
        for (String line : Files.readAllLines(outcome.directory().resolve("results.jsonl"))) {
            assertThat(results.add(Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class).trialId())).isTrue();
        }
        Set<String> dead = new HashSet<>();
        for (String line : Files.readAllLines(outcome.directory().resolve("dead-letters.jsonl"))) {
            JsonNode node = Json.mapper().readTree(line);
            assertThat(dead.add(node.get("trialId").asText())).isTrue();
            assertThat(node.get("reason").asText()).isNotBlank();
            assertThat(node.get("model").asText()).isEqualTo("simulated/sim");
        }
        assertThat(dead).isEqualTo(crashing);
        assertThat(results).doesNotContainAnyElementsOf(dead);
        assertThat(results.size() + dead.size()).isEqualTo(plan.size());
        List<String> csv = Files.readAllLines(outcome.directory().resolve("summary.csv"));
        assertThat(csv.get(0)).contains(",dead_letters,");
        int column = List.of(csv.get(0).split(",")).indexOf("dead_letters");
        assertThat(csv.get(1).split(",")[column]).isEqualTo(Integer.toString(crashing.size()));

        String listed = cli("dlq", "list", sweep.sweepId(), "--bootstrap", kafka.bootstrapServers(), "--namespace", topics.namespace());
        assertThat(listed).contains(crashing).contains("Offset delivery count exceeded the threshold.")
                .contains("sweep " + sweep.sweepId() + ": " + crashing.size() + " dead-lettered trials without a result");
        String replayed = cli("dlq", "replay", sweep.sweepId(), "--bootstrap", kafka.bootstrapServers(), "--namespace", topics.namespace());
        assertThat(replayed).contains("replayed " + crashing.size() + " dead-lettered trials");
        // the workers are gone: the trials topic now holds each crashing trial twice, the original and the replay
        Map<String, Integer> published = new HashMap<>();
        try (KafkaConsumer<String, byte[]> trials = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            trials.subscribe(List.of(topics.trials()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                trials.poll(Duration.ofMillis(100)).forEach(r -> published.merge(r.key(), 1, Integer::sum));
                return published.values().stream().mapToInt(Integer::intValue).sum() == plan.size() + crashing.size();
            });
        }
        assertThat(published.entrySet()).allSatisfy(e ->
                assertThat(e.getValue()).isEqualTo(crashing.contains(e.getKey()) ? 2 : 1));
    }

    private static String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(dev.crucible.coordinator.cli.Crucible.execute(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
