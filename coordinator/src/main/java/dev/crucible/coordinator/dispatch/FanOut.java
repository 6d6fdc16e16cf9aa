package dev.crucible.coordinator.dispatch;

import dev.crucible.common.trial.Trial;
import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a sweep's trials in expansion order, computing each from its index, with at most
 * {@code window} trials outstanding (published, no result yet). The window bounds what a pause or a cancel
 * leaves in the queue, and keeps a huge sweep from flooding the trials topic ahead of the workers.
 */
public final class FanOut implements AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final String trialsTopic;
    private final TrialPlan plan;
    private final long window;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public FanOut(String bootstrapServers, String trialsTopic, TrialPlan plan, long window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        Map<String, Object> props = new HashMap<>(producerSettings());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "fan-out");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.trialsTopic = trialsTopic;
        this.plan = plan;
        this.window = window;
    }

    /**
     * The fan-out producer's delivery and batching settings (no address, no client ID): durable writes without
     * duplicates, and batches large enough that a big sweep goes out in few requests. {@code crucible bench}
     * gives Kafka's ProducerPerformance the same settings.
     */
    public static Map<String, Object> producerSettings() {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    /**
     * Publishes every trial that has no result yet, waiting whenever {@code window} trials are outstanding.
     * Blocks until all are acknowledged by the broker. Call after {@link Aggregator#awaitCaughtUp()}, so that
     * results already in the topic are known and their trials skipped.
     *
     * @return the number of trials published
     */
    public long publish(Aggregator results) throws InterruptedException {
        long published = 0;
        for (long index = 0; index < plan.size(); index++) {
            if (results.hasResult(index)) {
                continue;
            }
            // outstanding = issued so far (published or skipped because done) minus results counted
            while (index - results.counted() >= window) {
                results.awaitCounted(index - window + 1, Duration.ofMillis(200));
            }
            throwIfFailed();
            Trial trial = plan.trial(index);
            producer.send(new ProducerRecord<>(trialsTopic, trial.trialId(), Json.write(trial)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            published++;
        }
        producer.flush();
        throwIfFailed();
        return published;
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("publishing trials to " + trialsTopic + " failed: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
