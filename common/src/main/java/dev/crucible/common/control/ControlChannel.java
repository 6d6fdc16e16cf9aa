package dev.crucible.common.control;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.wire.Json;
import dev.crucible.common.wire.MalformedMessageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the control topic from the beginning on its own thread and keeps the latest message of every key;
 * publishes messages to it. Coordinators, workers and the CLI each open one. Thread-safe: readers on any thread
 * see the latest state the reading thread applied. The topic is compacted and holds a few messages per sweep
 * and model, so reading it whole is cheap.
 */
public final class ControlChannel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Map<String, ControlMessage> latest = new ConcurrentHashMap<>();
    private final List<Consumer<ControlMessage>> listeners = new CopyOnWriteArrayList<>();
    private final Map<TopicPartition, Long> catchUpTargets;
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile boolean closing;
    private volatile Throwable failure;

    private ControlChannel(String topic, KafkaConsumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            Map<TopicPartition, Long> catchUpTargets, String clientId) {
        this.topic = topic;
        this.consumer = consumer;
        this.producer = producer;
        this.catchUpTargets = catchUpTargets;
        this.thread = Thread.ofPlatform().daemon().name(clientId + "-control").unstarted(this::read);
    }

    /** Starts reading {@code topics.control()}, which must exist ({@code TopicSetup.ensureShared}). */
    public static ControlChannel open(String bootstrapServers, Topics topics, String clientId, Map<String, Object> overrides) {
        Map<String, Object> consumerProps = new HashMap<>();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-control-reader");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.putAll(overrides);
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-control-writer");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.putAll(overrides);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.control(), Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("control topic " + topics.control() + " does not exist");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            Producer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
            ControlChannel channel = new ControlChannel(topics.control(), consumer, producer, ends, clientId);
            channel.thread.start();
            return channel;
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private void read() {
        try {
            while (!closing) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (!caughtUp && catchUpTargets.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    signal();
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
            log.error("control topic reader stopped", e);
        } finally {
            caughtUp = true;
            signal();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        ControlMessage message;
        try {
            message = Json.read(record.value(), ControlMessage.class);
        } catch (MalformedMessageException e) {
            // a newer writer's kind, or garbage: what we can read stands
            log.debug("ignoring control message {}: {}", record.key(), e.getMessage());
            return;
        }
        latest.put(record.key(), message);
        for (Consumer<ControlMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                log.warn("control listener failed on {}: {}", record.key(), e.toString());
            }
        }
    }

    private void signal() {
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Blocks until what the topic held when this channel opened is read; false if the timeout passed first. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!caughtUp) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
        if (failure != null) {
            throw new IllegalStateException("cannot read " + topic + ": " + failure, failure);
        }
        return true;
    }

    /** Called on the reading thread for every message read from now on (not for those read before). */
    public void onMessage(Consumer<ControlMessage> listener) {
        listeners.add(listener);
    }

    /** Publishes {@code message} under its key and waits for the broker's acknowledgement. */
    public void publish(ControlMessage message) {
        send(message.key(), Json.write(message));
    }

    /** Retracts a key (a tombstone): a lifted model pause, for instance. */
    public void retract(String key) {
        send(key, null);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + key + " to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key + " to " + topic + ": " + e, e);
        }
    }

    /** The latest command for the sweep, if any. */
    public Optional<SweepCommand> command(String sweepId) {
        return find(ControlMessage.commandKey(sweepId), SweepCommand.class);
    }

    /** The latest budget raise for the sweep, if any. */
    public Optional<BudgetRaise> budget(String sweepId) {
        return find(ControlMessage.budgetKey(sweepId), BudgetRaise.class);
    }

    /** The latest progress report of the sweep, if any. */
    public Optional<SweepProgress> progress(String sweepId) {
        return find(ControlMessage.progressKey(sweepId), SweepProgress.class);
    }

    /** The latest progress report of every sweep that has one. */
    public List<SweepProgress> progress() {
        return all(SweepProgress.class);
    }

    /** True when the sweep's latest command is a cancel. */
    public boolean cancelled(String sweepId) {
        return command(sweepId).map(c -> c.action() == SweepCommand.Action.CANCEL).orElse(false);
    }

    /** Model pauses still in force at {@code nowMs}. */
    public List<ModelPause> modelPauses(long nowMs) {
        return all(ModelPause.class).stream().filter(p -> p.activeAt(nowMs)).toList();
    }

    /** The pause of one {@code provider:account:model}, if one is in force at {@code nowMs}. */
    public Optional<ModelPause> modelPause(String policy, long nowMs) {
        return find(ControlMessage.modelPauseKey(policy), ModelPause.class).filter(p -> p.activeAt(nowMs));
    }

    private <T extends ControlMessage> Optional<T> find(String key, Class<T> type) {
        ControlMessage message = latest.get(key);
        return type.isInstance(message) ? Optional.of(type.cast(message)) : Optional.empty();
    }

    private <T extends ControlMessage> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ControlMessage message : latest.values()) {
            if (type.isInstance(message)) {
                out.add(type.cast(message));
            }
        }
        return out;
    }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
    }
}
