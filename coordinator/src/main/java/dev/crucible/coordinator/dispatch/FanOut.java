package dev.crucible.coordinator.dispatch;

import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.common.trial.Trial;
import dev.crucible.coordinator.aggregate.Aggregator;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
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
 *
 * <p>Trials go out in transactions that also write the sweep's manifest with the fan-out cursor (every index
 * below it is published or already has a result). A coordinator killed mid-transaction leaves nothing
 * visible — workers read committed only — and the next coordinator of the sweep fences it and resumes from
 * the last committed cursor: no range is lost, none is published twice.
 */
public final class FanOut implements AutoCloseable {
    /**
     * Trials per transaction: small enough that a crash costs little re-work, large enough to batch well. Public for
     * {@code crucible bench}'s bare Kafka trip, which commits as often.
     */
    public static final int TRIALS_PER_CHECKPOINT = 2000;

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Sweep sweep;
    private final TrialPlan plan;
    private final long window;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private boolean inTransaction;
    /** The manifest a checkpoint writes for a cursor: the runner's, so that it carries the sweep's state and command. */
    private LongFunction<SweepManifest> checkpointManifest;
    /** Every index below this was published or already had a result. */
    private volatile long issued;

    public FanOut(String bootstrapServers, Topics topics, Sweep sweep, TrialPlan plan, long window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        Map<String, Object> props = new HashMap<>(producerSettings());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "fan-out-" + sweep.sweepId());
        // one transactional ID per sweep: a new coordinator of the sweep fences a zombie one
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.namespace() + "-fanout-" + sweep.sweepId());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.producer.initTransactions();
        this.topics = topics;
        this.sweep = sweep;
        this.plan = plan;
        this.window = window;
        this.checkpointManifest = cursor -> SweepManifest.of(sweep, SweepState.RUNNING, cursor, System.currentTimeMillis());
    }

    /** What each checkpoint writes for a cursor; by default a running manifest with nothing else. */
    public void checkpointWith(LongFunction<SweepManifest> manifest) {
        this.checkpointManifest = manifest;
    }

    /** Trials issued so far: every index below was published or already had a result. */
    public long issued() {
        return issued;
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
     * Publishes every trial from {@code cursor} on that has no result yet, waiting whenever {@code window}
     * trials are outstanding. Blocks until all are committed. Call after {@link Aggregator#awaitCaughtUp()}, so
     * that results already in the topic are known and their trials skipped.
     *
     * @param cursor the last committed fan-out cursor of this sweep (0 for a new sweep)
     * @return the number of trials published
     */
    public long publish(Aggregator results, long cursor) throws InterruptedException {
        return publish(results, cursor, () -> false);
    }

    /**
     * As {@link #publish(Aggregator, long)}, stopping (after a checkpoint) as soon as {@code stop} says so: a pause,
     * a cancel or a budget reached. {@link #issued()} then says how far it got.
     */
    public long publish(Aggregator results, long cursor, BooleanSupplier stop) throws InterruptedException {
        long published = 0;
        int sinceCheckpoint = 0;
        issued = cursor;
        for (long index = cursor; index < plan.size(); index++) {
            if (stop.getAsBoolean()) {
                checkpoint(index);
                return published;
            }
            issued = index;
            if (results.hasResult(index)) {
                continue;
            }
            // outstanding = issued so far (published or skipped because done) minus results counted
            if (index - results.counted() >= window) {
                // never wait inside a transaction: waiting on slow models would outlive the transaction timeout
                checkpoint(index);
                sinceCheckpoint = 0;
                while (index - results.counted() >= window) {
                    if (stop.getAsBoolean()) {
                        return published;
                    }
                    results.awaitCounted(index - window + 1, Duration.ofMillis(200));
                }
            }
            throwIfFailed();
            begin();
            Trial trial = plan.trial(index);
            producer.send(new ProducerRecord<>(topics.trials(), trial.trialId(), Json.write(trial)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            published++;
            issued = index + 1;
            if (++sinceCheckpoint >= TRIALS_PER_CHECKPOINT) {
                checkpoint(index + 1);
                sinceCheckpoint = 0;
            }
        }
        issued = plan.size();
        checkpoint(plan.size());
        return published;
    }

    /**
     * Publishes trials again whose result is an error ({@code resume --retry-failed}), with at most {@code window} of
     * them outstanding; the aggregator counts each new result in place of the error. Stops as {@link #publish} does.
     *
     * @return the number of trials published again
     */
    public long republish(Aggregator results, long[] indexes, BooleanSupplier stop) throws InterruptedException {
        long published = 0;
        for (long index : indexes) {
            while (results.retriesOutstanding() >= window) {
                commit();
                if (stop.getAsBoolean()) {
                    return published;
                }
                results.awaitRetries(window - 1, Duration.ofMillis(200));
            }
            if (stop.getAsBoolean()) {
                break;
            }
            throwIfFailed();
            begin();
            Trial trial = plan.trial(index);
            results.retrying(index);
            producer.send(new ProducerRecord<>(topics.trials(), trial.trialId(), Json.write(trial)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            if (++published % TRIALS_PER_CHECKPOINT == 0) {
                commit();
            }
        }
        commit();
        return published;
    }

    private void commit() {
        if (inTransaction) {
            producer.commitTransaction();
            inTransaction = false;
            throwIfFailed();
        }
    }

    /** Writes the manifest in a transaction of its own (sweep start, end, state changes). */
    public void writeManifest(SweepManifest manifest) {
        begin();
        producer.send(new ProducerRecord<>(topics.sweeps(), manifest.sweepId(), Json.write(manifest)));
        producer.commitTransaction();
        inTransaction = false;
    }

    private void begin() {
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
    }

    private void checkpoint(long cursor) {
        if (!inTransaction) {
            return;
        }
        producer.send(new ProducerRecord<>(topics.sweeps(), sweep.sweepId(), Json.write(checkpointManifest.apply(cursor))));
        producer.commitTransaction();
        inTransaction = false;
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("publishing trials to " + topics.trials() + " failed: " + error.getMessage(), error);
        }
    }

    /** The fan-out producer's own meters ({@code kafka_producer_*}), to bind to a registry and close with the sweep. */
    public KafkaClientMetrics clientMetrics() {
        return new KafkaClientMetrics(producer);
    }

    @Override
    public void close() {
        producer.close();
    }
}
