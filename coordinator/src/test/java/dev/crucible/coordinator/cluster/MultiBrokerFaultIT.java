package dev.crucible.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.testing.LocalCluster;
import dev.crucible.testing.SweepResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's fault (c): three broker processes (replication factor 3, min.insync.replicas 2), worker and coordinator
 * processes, all started by {@code deploy/local-cluster}; the broker leading most of the trials' and results'
 * partitions is killed with SIGKILL mid-sweep. The sweep completes with every trial exactly once in the results (or
 * dead-lettered with its reason), and every worker is still running.
 */
@Tag("fault")
class MultiBrokerFaultIT {
    private static final String SPEC = """
            name: broker-fault
            samples: 250
            scenarios: [leaking]
            conditions: {goal_type: [explicit], goal_value: [safety, acceleration], urgency: [replacement, restriction]}
            models:
              - {provider: simulated, name: a, parameters: {harm_rate: 0.6, latency_ms: 25}}
              - {provider: simulated, name: b, parameters: {harm_rate: 0.2, latency_ms: 25}}
            """;
    private static final List<String> WORKERS = List.of("worker-1", "worker-2", "worker-3");

    private final Topics topics = Topics.defaults();

    @TempDir
    Path dir;

    @Test
    void aSweepSurvivesTheLeadingBrokerKilledMidSweep() throws Exception {
        Path spec = dir.resolve("broker-fault.yaml");
        Files.writeString(spec, SPEC);
        Sweep sweep = Sweep.of(SpecLoader.parse("broker-fault.yaml", SPEC));
        assertThat(sweep.trialCount()).isEqualTo(2000);
        Path runs = dir.resolve("runs");
        try (LocalCluster cluster = LocalCluster.up(dir, 3, WORKERS.size(), List.of("--", "--max-poll-trials", "10"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            // a small window keeps the coordinator publishing (in transactions) while the broker dies
            Process coordinator = cluster.run(spec, List.of("--runs-dir", runs.toString(), "--no-dashboard", "--metrics-port", "0", "--window", "300"));
            await().atMost(Duration.ofMinutes(3)).until(() -> !coordinator.isAlive() || results(admin, sweep) >= 500);
            assertThat(coordinator.isAlive()).as("the sweep was still running when the broker was killed").isTrue();

            assertThreeReplicasTwoInSync(admin, List.of(topics.trials(), topics.results(sweep.sweepId()), topics.sweeps(),
                    topics.deadLetters()));
            int victim = leaderOfMostPartitions(admin, sweep);
            ProcessHandle broker = cluster.process("broker-" + victim).orElseThrow();
            assertThat(broker.destroyForcibly()).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());

            assertThat(coordinator.waitFor(5, TimeUnit.MINUTES)).as("the sweep finishes on two brokers").isTrue();
            assertThat(coordinator.exitValue()).as(Files.readString(dir.resolve("coordinator.err"))).isZero();
            SweepResults.assertEveryTrialOnceInResultsOrDeadLetters(sweep, runs.resolve(sweep.sweepId()));
            for (String worker : WORKERS) {
                assertThat(cluster.process(worker)).as(worker + " still running").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            }
        }
    }

    private static void assertThreeReplicasTwoInSync(Admin admin, List<String> names) throws Exception {
        assertThat(admin.describeTopics(names).allTopicNames().get().values())
                .allSatisfy(topic -> assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
        List<ConfigResource> resources = names.stream().map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        assertThat(admin.describeConfigs(resources).all().get().values())
                .allSatisfy(config -> assertThat(config.get("min.insync.replicas").value()).isEqualTo("2"));
    }

    /** The broker that leads the most partitions of the trials and the sweep's results. */
    private int leaderOfMostPartitions(Admin admin, Sweep sweep) throws Exception {
        Map<String, TopicDescription> described = admin.describeTopics(List.of(topics.trials(), topics.results(sweep.sweepId())))
                .allTopicNames().get();
        return described.values().stream().flatMap(t -> t.partitions().stream()).map(TopicPartitionInfo::leader)
                .collect(Collectors.groupingBy(node -> node.id(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** Results written so far (duplicates included): the sweep's progress, read from the brokers. */
    private long results(Admin admin, Sweep sweep) throws Exception {
        String topic = topics.results(sweep.sweepId());
        if (!admin.listTopics().names().get().contains(topic)) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < topics.trialPartitions(); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    }
}
