package dev.crucible.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.worker.provider.ProviderRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class PoisonMessageIT {
    private final Topics topics = Topics.defaults().withNamespace("poison-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void rejectsUndecodableMessagesToTheDeadLetterTopicAndKeepsWorking(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("poison.yaml", """
                name: poison
                samples: 10
                scenarios: [leaking]
                conditions: {goal_type: [explicit], goal_value: [safety], urgency: [replacement]}
                models: [{provider: simulated, name: sim}]
                """));
        TrialPlan plan = new TrialPlan(sweep);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicSetup setup = new TopicSetup(admin, topics);
            setup.ensureShared();
            setup.ensureSweep(sweep.sweepId());
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.trials(), "poison-1", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topics.trials(), "poison-2", "{\"sweepId\":\"x\",\"condition\":\"no-such-condition\"}".getBytes(StandardCharsets.UTF_8))).get();
            for (long i = 0; i < plan.size(); i++) {
                Trial trial = plan.trial(i);
                producer.send(new ProducerRecord<>(topics.trials(), trial.trialId(), Json.write(trial))).get();
            }
        }

        try (Worker worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "poison-worker").withTopics(topics).withConsumers(1),
                ProviderRegistry.standard())) {
            Set<String> resultKeys = new HashSet<>();
            try (KafkaConsumer<String, byte[]> results = consumer(kafka, topics.results(sweep.sweepId()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    results.poll(Duration.ofMillis(100)).forEach(r -> resultKeys.add(r.key()));
                    return resultKeys.size() == plan.size();
                });
            }
            List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> dlq = consumer(kafka, topics.deadLetters())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    dlq.poll(Duration.ofMillis(100)).forEach(deadLetters::add);
                    return deadLetters.size() >= 2;
                });
            }
            assertThat(deadLetters).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison-1", "poison-2");
            assertThat(deadLetters).allSatisfy(r -> assertThat(r.headers().toArray()).isNotEmpty());
            assertThat(worker.trialsPublished()).isEqualTo(plan.size());
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
