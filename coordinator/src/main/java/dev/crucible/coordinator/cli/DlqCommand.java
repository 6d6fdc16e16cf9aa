package dev.crucible.coordinator.cli;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.aggregate.DeadLetter;
import dev.crucible.coordinator.dispatch.FanOut;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code crucible dlq list|replay SWEEP_ID}: the dead-letter topic, per sweep. */
@Command(name = "dlq", description = "Dead-lettered trials: trials the broker gave up on after their last delivery attempt.",
        subcommands = {DlqCommand.List.class, DlqCommand.Replay.class})
final class DlqCommand {

    static class Target {
        @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "the sweep")
        String sweepId;

        @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "the Kafka cluster")
        String bootstrap;

        @Option(names = "--namespace", defaultValue = Topics.DEFAULT_NAMESPACE, description = "topic namespace (default: ${DEFAULT-VALUE})")
        String namespace;

        Topics topics() {
            return Topics.defaults().withNamespace(namespace);
        }

        /** The sweep's dead letters by trial ID (the latest record of each), and the count of undecodable records. */
        Scan scan() {
            Map<String, DeadLetter> letters = new LinkedHashMap<>();
            long[] undecodable = {0};
            readAll(bootstrap, topics().deadLetters(), record -> DeadLetter.decode(record).ifPresentOrElse(
                    letter -> {
                        if (letter.trial().sweepId().equals(sweepId)) {
                            letters.put(letter.trial().trialId(), letter);
                        }
                    },
                    () -> undecodable[0]++));
            Set<String> withResult = new HashSet<>();
            readAll(bootstrap, topics().results(sweepId), record -> {
                if (record.key() != null && letters.containsKey(record.key())) {
                    withResult.add(record.key());
                }
            });
            withResult.forEach(letters::remove);
            return new Scan(letters, undecodable[0]);
        }
    }

    record Scan(Map<String, DeadLetter> letters, long undecodable) {
    }

    @Command(name = "list", description = "Prints the sweep's dead-lettered trials that have no result, with reasons.")
    static final class List implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            Scan scan = target.scan();
            for (DeadLetter letter : scan.letters().values()) {
                System.out.println(Json.writeString(letter.line()));
            }
            System.out.printf("sweep %s: %d dead-lettered trials without a result; %d dead-letter records are no trial message (any sweep)%n",
                    target.sweepId, scan.letters().size(), scan.undecodable());
            return 0;
        }
    }

    @Command(name = "replay", description = "Publishes the sweep's dead-lettered trials that have no result to the trials topic again.")
    static final class Replay implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() throws Exception {
            Scan scan = target.scan();
            Map<String, Object> props = new HashMap<>(FanOut.producerSettings());
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrap);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "dlq-replay");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                for (DeadLetter letter : scan.letters().values()) {
                    producer.send(new ProducerRecord<>(target.topics().trials(), letter.trial().trialId(), Json.write(letter.trial())));
                }
                producer.flush();
            }
            System.out.printf("sweep %s: replayed %d dead-lettered trials to %s%n", target.sweepId, scan.letters().size(),
                    target.topics().trials());
            return 0;
        }
    }

    /** Reads every partition of {@code topic} from the beginning to its end at the time of the call. */
    static void readAll(String bootstrap, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "dlq-" + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic);
            if (infos == null || infos.isEmpty()) {
                return;
            }
            java.util.List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
