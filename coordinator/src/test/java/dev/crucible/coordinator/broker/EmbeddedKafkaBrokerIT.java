package dev.crucible.coordinator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.crucible.testing.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class EmbeddedKafkaBrokerIT {

    private static final int RECORDS = 200;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void deliversEveryRecordToAShareConsumerThatAcceptsIt(KafkaBroker.Connection kafka) throws Exception {
        String topic = unique("share-it");
        String group = unique("share-it-group");
        try (Admin admin = admin(kafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            // The default "latest" would skip everything produced before the first consumer joins.
            ConfigResource groupResource = new ConfigResource(ConfigResource.Type.GROUP, group);
            AlterConfigOp earliest = new AlterConfigOp(
                    new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(groupResource, List.of(earliest))).all().get();
        }
        Set<String> sent = produce(kafka.bootstrapServers(), topic, RECORDS);

        List<String> received = new ArrayList<>();
        try (KafkaShareConsumer<String, String> consumer = shareConsumer(kafka.bootstrapServers(), group)) {
            consumer.subscribe(Set.of(topic));
            // The share consumer refuses use from a second thread, so Awaitility must poll on this one.
            await().atMost(PATIENCE).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    received.add(record.value());
                }
                return received.size() >= RECORDS;
            });
            Map<?, Optional<KafkaException>> outcome = consumer.commitSync(PATIENCE);
            assertThat(outcome.values()).allSatisfy(failure -> assertThat(failure).isEmpty());
        }
        assertThat(received).hasSize(RECORDS);
        assertThat(new HashSet<>(received)).isEqualTo(sent);
    }

    @Test
    void enablesShareGroupsWithTheBrokerSideDeadLetterQueue(KafkaBroker.Connection kafka) throws Exception {
        assumeThat(kafka.backend()).as("an external broker's features are not ours to check")
                .isNotEqualTo(KafkaBroker.Backend.EXTERNAL);
        try (Admin admin = admin(kafka.bootstrapServers())) {
            FinalizedVersionRange share = admin.describeFeatures().featureMetadata().get()
                    .finalizedFeatures().get("share.version");
            assertThat(share).isNotNull();
            assertThat(share.maxVersionLevel()).isGreaterThanOrEqualTo((short) 2);
        }
    }

    @Test
    void letsAShareGroupLockRecordsForTenMinutes(KafkaBroker.Connection kafka) throws Exception {
        assumeThat(kafka.backend()).as("an external broker's limits are not ours to check")
                .isNotEqualTo(KafkaBroker.Backend.EXTERNAL);
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, unique("lock-it-group"));
        AlterConfigOp tenMinutes = new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms",
                String.valueOf(Duration.ofMinutes(10).toMillis())), AlterConfigOp.OpType.SET);
        try (Admin admin = admin(kafka.bootstrapServers())) {
            // Refused with InvalidConfigurationException above group.share.max.record.lock.duration.ms.
            admin.incrementalAlterConfigs(Map.of(group, List.of(tenMinutes))).all().get();
        }
    }

    @Test
    void keepsTopicsAndRecordsWhenRestartedOnTheSameDataDirectory(@TempDir Path dataDir) throws Exception {
        String topic = unique("restart-it");
        String firstAddress;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            firstAddress = broker.bootstrapServers();
            try (Admin admin = admin(broker.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            }
            produce(broker.bootstrapServers(), topic, 3);
        }

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir);
             Admin admin = admin(broker.bootstrapServers())) {
            assertThat(broker.bootstrapServers()).isNotEqualTo(firstAddress);
            assertThat(admin.listTopics().names().get()).contains(topic);
            TopicPartition partition = new TopicPartition(topic, 0);
            long endOffset = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get().offset();
            assertThat(endOffset).isEqualTo(3);
        }
    }

    @Test
    void refusesADataDirectoryAlreadyInUse(@TempDir Path dataDir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(dataDir))
                    .isInstanceOf(EmbeddedKafkaBroker.StartupException.class)
                    .hasMessageContaining(dataDir.toString())
                    .hasMessageContaining("in use");
            assertThat(broker.bootstrapServers()).isNotBlank();
        }
    }

    private static Set<String> produce(String bootstrap, String topic, int count) throws Exception {
        Set<String> values = IntStream.range(0, count).mapToObj(i -> "trial-" + i).collect(Collectors.toSet());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, value, value)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
        return values;
    }

    private static KafkaShareConsumer<String, String> shareConsumer(String bootstrap, String group) {
        return new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit"),
                new StringDeserializer(), new StringDeserializer());
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
