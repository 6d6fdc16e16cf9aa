package dev.crucible.coordinator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.testing.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue depth the autoscaler reads follows the trials topic and the workers' share group on the real broker. */
@ExtendWith(KafkaBroker.class)
class TrialBacklogIT {
    private final Topics topics = Topics.defaults().withNamespace("backlog-" + UUID.randomUUID().toString().substring(0, 8));

    @Test
    void countsTrialsNotYetAcknowledgedByTheWorkersShareGroup(KafkaBroker.Connection kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicSetup(admin, topics).ensureShared();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TrialBacklog backlog = TrialBacklog.start(kafka.bootstrapServers(), topics, Duration.ofMillis(200), registry)) {
            await().atMost(Duration.ofSeconds(30)).until(backlog::reachable);
            assertThat(backlog.queued()).isZero();

            publish(kafka, 50);
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.queued() == 50);
            assertThat(registry.get("crucible.trials.queued").tag("namespace", topics.namespace()).gauge().value()).isEqualTo(50);

            AtomicInteger accepted = new AtomicInteger();
            try (KafkaShareConsumer<String, byte[]> worker = shareConsumer(kafka)) {
                worker.subscribe(List.of(topics.trials()));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    worker.poll(Duration.ofMillis(200)).forEach(record -> {
                        if (accepted.get() < 30) {
                            worker.acknowledge(record, AcknowledgeType.ACCEPT);
                            accepted.incrementAndGet();
                        } else {
                            worker.acknowledge(record, AcknowledgeType.RELEASE);
                        }
                    });
                    return accepted.get() >= 30;
                });
                worker.commitSync();
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog.queued() == 20);
            }
        }
    }

    /**
     * The coordinator publishes in transactions; each commit leaves a marker in every partition, which the
     * start-offset arithmetic counts and the broker's lag may keep counting after the last trial (measured: one per
     * partition at most). Autoscalers therefore activate above the partition count (deploy/).
     */
    @Test
    void transactionalTrialsCountOnceCommittedAndAtMostAMarkerPerPartitionOnceAcknowledged(KafkaBroker.Connection kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicSetup(admin, topics).ensureShared();
        }
        try (TrialBacklog backlog = TrialBacklog.start(kafka.bootstrapServers(), topics, Duration.ofMillis(200), new SimpleMeterRegistry())) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.namespace() + "-tx");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                for (int t = 0; t < 2; t++) {
                    producer.beginTransaction();
                    for (int i = 0; i < 25; i++) {
                        producer.send(new ProducerRecord<>(topics.trials(), "t" + t + "-" + i, "{}".getBytes(StandardCharsets.UTF_8)));
                    }
                    producer.commitTransaction();
                }
            }
            int markers = 2 * topics.trialPartitions();
            await().atMost(Duration.ofSeconds(30)).until(() -> backlog.queued() >= 50);
            assertThat(backlog.queued()).isLessThanOrEqualTo(50 + markers);

            AtomicInteger accepted = new AtomicInteger();
            try (KafkaShareConsumer<String, byte[]> worker = shareConsumer(kafka)) {
                worker.subscribe(List.of(topics.trials()));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    worker.poll(Duration.ofMillis(200)).forEach(record -> {
                        worker.acknowledge(record, AcknowledgeType.ACCEPT);
                        accepted.incrementAndGet();
                    });
                    return accepted.get() >= 50;
                });
                worker.commitSync();
                await().atMost(Duration.ofSeconds(30)).until(() -> backlog.queued() <= topics.trialPartitions());
            }
        }
    }

    private void publish(KafkaBroker.Connection kafka, int count) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topics.trials(), "t" + i, "{}".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private KafkaShareConsumer<String, byte[]> shareConsumer(KafkaBroker.Connection kafka) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topics.workerGroup());
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        return new KafkaShareConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
