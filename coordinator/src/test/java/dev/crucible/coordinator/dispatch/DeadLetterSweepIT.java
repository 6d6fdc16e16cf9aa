package dev.crucible.coordinator.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.apache.kafka.common.config.ConfigResource;
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
            System.out.println("dead letter: " + line);
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
    }
}
