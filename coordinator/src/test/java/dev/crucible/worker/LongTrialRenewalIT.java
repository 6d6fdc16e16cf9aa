package dev.crucible.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.worker.provider.ProviderRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trials that take longer than their acquisition lock are renewed by the worker running them: each runs once, on
 * its first delivery, while an idle member of the same share group waits to be handed any record whose lock expires.
 */
@ExtendWith(KafkaBroker.class)
class LongTrialRenewalIT {
    /** The embedded broker lets a group choose locks down to 1 s; a stock broker's floor is 15 s. */
    private static final Duration PREFERRED_LOCK = Duration.ofSeconds(2);

    private final Topics topics = Topics.defaults().withNamespace("renew-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void aTrialLongerThanItsLockRunsOnceOnItsFirstDelivery(KafkaBroker.Connection kafka) throws Exception {
        Duration lock;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup setup = new TopicSetup(admin, topics);
            setup.ensureShared();
            lock = shortestLockAllowed(admin);
            ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, topics.workerGroup());
            admin.incrementalAlterConfigs(Map.of(group, List.of(new AlterConfigOp(
                    new ConfigEntry("share.record.lock.duration.ms", String.valueOf(lock.toMillis())), AlterConfigOp.OpType.SET)))).all().get();
            Sweep sweep = sweepOfTrialsLasting(lock.multipliedBy(5).dividedBy(2));
            setup.ensureSweep(sweep.sweepId());
            TrialPlan plan = new TrialPlan(sweep);
            publish(kafka, plan);

            try (Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "renew-worker").withTopics(topics)
                    .withConsumers(1), ProviderRegistry.standard())) {
                await().atMost(Duration.ofMinutes(1)).until(() -> worker.trialsInFlight() == plan.size());
                // an idle member of the same group: it is handed any trial whose lock expires
                List<ConsumerRecord<String, byte[]>> handedToRival = new ArrayList<>();
                List<TrialResult> results = new ArrayList<>();
                try (KafkaShareConsumer<String, byte[]> rival = rival(kafka);
                        KafkaConsumer<String, byte[]> consumer = consumer(kafka, topics.results(sweep.sweepId()))) {
                    await().atMost(Duration.ofMinutes(3)).until(() -> {
                        ConsumerRecords<String, byte[]> taken = rival.poll(Duration.ofMillis(100));
                        taken.forEach(record -> {
                            handedToRival.add(record);
                            rival.acknowledge(record, AcknowledgeType.RELEASE);
                        });
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> results.add(Json.read(r.value(), TrialResult.class)));
                        return results.size() >= plan.size() && worker.trialsInFlight() == 0;
                    });
                }
                assertThat(handedToRival).as("trials whose lock expired").isEmpty();
                assertThat(results).extracting(TrialResult::trialId).doesNotHaveDuplicates().hasSize((int) plan.size());
                assertThat(results).allSatisfy(result -> assertThat(result.attempt().deliveryCount()).isEqualTo(1));
                assertThat(worker.trialsPublished()).isEqualTo(plan.size());
            }
        }
    }

    private KafkaShareConsumer<String, byte[]> rival(KafkaBroker.Connection kafka) {
        KafkaShareConsumer<String, byte[]> rival = new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topics.workerGroup(),
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit"), new StringDeserializer(), new ByteArrayDeserializer());
        rival.subscribe(List.of(topics.trials()));
        return rival;
    }

    private static Duration shortestLockAllowed(Admin admin) throws Exception {
        String brokerId = String.valueOf(admin.describeCluster().nodes().get().iterator().next().id());
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, brokerId);
        ConfigEntry floor = admin.describeConfigs(List.of(broker)).all().get().get(broker).get("group.share.min.record.lock.duration.ms");
        Duration min = floor == null || floor.value() == null ? Duration.ofSeconds(15) : Duration.ofMillis(Long.parseLong(floor.value()));
        return min.compareTo(PREFERRED_LOCK) > 0 ? min : PREFERRED_LOCK;
    }

    private static Sweep sweepOfTrialsLasting(Duration latency) throws Exception {
        return Sweep.of(SpecLoader.parse("renew.yaml", """
                name: renew
                samples: 4
                scenarios: [leaking]
                conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement]}
                models: [{provider: simulated, name: sim-slow, parameters: {latency_ms: %d}}]
                """.formatted(latency.toMillis())));
    }

    private void publish(KafkaBroker.Connection kafka, TrialPlan plan) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < plan.size(); i++) {
                Trial trial = plan.trial(i);
                // one partition, so that the worker's first poll takes every trial and the rival starts with none to take
                producer.send(new ProducerRecord<>(topics.trials(), 0, trial.trialId(), Json.write(trial))).get();
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(KafkaBroker.Connection kafka, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
