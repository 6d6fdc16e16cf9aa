package dev.crucible.worker.intake;

import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.execute.TrialExecutor;
import dev.crucible.worker.observe.TrialMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.ShareConsumerClientMetrics;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A worker's consumers, their threads, the attempt executor and the results producer, started and stopped together. */
public final class Intake {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    private final String workerId;
    private final List<IntakeLoop> loops;
    private final List<Thread> threads;
    private final ExecutorService attempts;
    private final Producer<String, byte[]> results;
    private final IntakeCounters counters;
    private final MeterRegistry meters;
    private final Gauge inFlight;
    private final KafkaClientMetrics producerMetrics;
    private final List<ShareConsumerClientMetrics> consumerMetrics = new ArrayList<>();
    private volatile boolean stopping;

    private Intake(String workerId, List<IntakeLoop> loops, List<Thread> threads, ExecutorService attempts,
            Producer<String, byte[]> results, IntakeCounters counters, TrialMetrics metrics) {
        this.counters = counters;
        this.meters = metrics.registry();
        this.inFlight = Gauge.builder("crucible.trials.in.flight", counters.inFlight, AtomicInteger::get)
                .description("Attempts running in this worker right now").tag("worker", workerId).register(metrics.registry());
        this.producerMetrics = new KafkaClientMetrics(results);
        producerMetrics.bindTo(metrics.registry());
        for (IntakeLoop loop : loops) {
            ShareConsumerClientMetrics bound = new ShareConsumerClientMetrics(loop::clientMetrics);
            bound.bindTo(metrics.registry());
            consumerMetrics.add(bound);
        }
        this.workerId = workerId;
        this.loops = loops;
        this.threads = threads;
        this.attempts = attempts;
        this.results = results;
    }

    public static Intake start(WorkerConfig config, TrialExecutor executor, TrialMetrics metrics) {
        Producer<String, byte[]> results = new KafkaProducer<>(producerConfig(config), new StringSerializer(), new ByteArraySerializer());
        ExecutorService attempts = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(config.workerId() + "-attempt-", 0).factory());
        TrialHandler handler = new TrialHandler(executor, results, config.topics(), metrics);
        IntakeCounters counters = new IntakeCounters();
        List<IntakeLoop> loops = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < config.consumers(); i++) {
            Map<String, Object> consumerConfig = consumerConfig(config, i);
            IntakeLoop loop = new IntakeLoop(() -> new KafkaShareConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()),
                    config.topics().trials(), handler, attempts, config.pollTimeout(), counters,
                    InstantSource.system());
            loops.add(loop);
            threads.add(Thread.ofPlatform().name(config.workerId() + "-intake-" + i).start(loop));
        }
        return new Intake(config.workerId(), loops, threads, attempts, results, counters, metrics);
    }

    public String workerId() {
        return workerId;
    }

    /** Trials whose result this worker published and acknowledged. */
    public long trialsPublished() {
        return counters.published.get();
    }

    /** Attempts running right now. */
    public int trialsInFlight() {
        return counters.inFlight.get();
    }

    /** Every consumer has polled (joined the share group) and none is stopping. */
    public boolean ready() {
        return !stopping && loops.stream().allMatch(IntakeLoop::polled);
    }

    public void awaitTermination() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /**
     * Stops taking trials (not ready from here on), lets the trials in flight finish and acknowledges them; what
     * has not finished within {@code drainTimeout} is cancelled and RELEASEd for another worker. Then flushes the
     * results producer and closes the consumers. Blocks until done.
     */
    public void close(Duration drainTimeout) {
        stopping = true;
        loops.forEach(IntakeLoop::stop);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        boolean interrupted = false;
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    thread.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            log.warn("worker {}: drain timeout of {} s ran out with {} trial(s) in flight; releasing them to the queue", workerId,
                    drainTimeout.toSeconds(), counters.inFlight.get());
            loops.forEach(IntakeLoop::expire);
            threads.forEach(Thread::interrupt);
        }
        joinAndRelease();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public void abort() {
        stopping = true;
        loops.forEach(IntakeLoop::abort);
        // interrupts attempts in flight, and the loops waiting on them
        attempts.shutdownNow();
        threads.forEach(Thread::interrupt);
        joinAndRelease();
    }

    private void joinAndRelease() {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        attempts.shutdownNow();
        // close() flushes what the producer still holds before it returns
        results.close();
        producerMetrics.close();
        consumerMetrics.forEach(ShareConsumerClientMetrics::close);
        meters.remove(inFlight);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The results producer's client properties; public so that {@code crucible bench}'s bare Kafka trip produces
     * results exactly as a worker does.
     */
    public static Map<String, Object> producerConfig(WorkerConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-results");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // results wait up to 20 ms for company: at 5 ms a busy worker sent ~13 results per partition batch, and each batch
        // cost the broker a request and the worker fresh lz4 buffers (~128 KB); 20 ms cut the sweep's CPU per trial by
        // ~15% in `crucible bench`. A trial's ACCEPT may come 15 ms later: nothing beside a model call's seconds.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // a result is ~1 KB of JSON; under load the 16 KB default sent ~30 results per request, and the broker's
        // per-request cost dominated (measured with `crucible bench`). A limit, not an allocation per record:
        // with slow models, linger still sends small batches.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(config.clientOverrides());
        return props;
    }

    /** Share consumer {@code index}'s client properties; public for the same reason as {@link #producerConfig}. */
    public static Map<String, Object> consumerConfig(WorkerConfig config, int index) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.topics().workerGroup());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.workerId() + "-trials-" + index);
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollTrials());
        // without record_limit a poll may return more than max.poll.records
        props.put("share.acquire.mode", "record_limit");
        props.putAll(config.clientOverrides());
        return props;
    }
}
