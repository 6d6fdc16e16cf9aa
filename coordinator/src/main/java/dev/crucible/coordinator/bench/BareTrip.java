package dev.crucible.coordinator.bench;

import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.coordinator.dispatch.FanOut;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.intake.Intake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.ShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bare Kafka trip: the trip a trial makes through Kafka in a sweep, done by plain Kafka clients with no
 * Crucible work (no trial computed, no JSON, no model, no classification, no tally), on the same broker and with
 * the same settings. What it reaches is what Kafka allows on this machine; what a sweep falls short of it is what
 * Crucible adds.
 *
 * <ul>
 *   <li><b>Fan-out</b>: on the calling thread, one transactional producer with the fan-out's settings
 *       ({@link FanOut#producerSettings()}) sends records keyed by a 32-character ID to a topic shaped like the
 *       trials topic, commits every {@link FanOut#TRIALS_PER_CHECKPOINT} records and never has more than the
 *       bench's window outstanding (sent, result not counted), as the fan-out does. Left out: the checkpoint's
 *       manifest record in each transaction, which is Crucible's own bookkeeping.</li>
 *   <li><b>Workers</b>: as many share consumers and results producers as the bench's workers have, with the
 *       workers' own client settings ({@link Intake#consumerConfig}, {@link Intake#producerConfig}), in a share
 *       group that {@link TopicSetup} configures as the workers' (read committed, explicit acknowledgement). Each
 *       consumer sends one result per record of a poll, waits for the broker's ack of every one, ACCEPTs each
 *       record whose result was acknowledged (RELEASEs the others, as a worker does) and polls again, which
 *       carries the acknowledgements: the worker's guarantee, without its work.</li>
 *   <li><b>Aggregator</b>: a plain consumer reads the results topic (compacted, as a sweep's) from the start and
 *       counts distinct keys until every record's result is there.</li>
 * </ul>
 * Payloads are the sweep's own messages ({@link Payloads}): samples of its trials' JSON go out and samples of its
 * results' JSON come back, cycled, so that the sizes and what lz4 makes of them are the sweep's.
 *
 * <p>Started once, then {@link #run} any number of times (a warm-up, then the timed run): consumers and group
 * assignments stay in place between runs, as a bench's workers do between its sweeps. Not thread-safe.
 */
final class BareTrip implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration COUNTER_POLL = Duration.ofMillis(100);
    /** Acks of the last results and their ACCEPTs follow the last count closely; this only bounds a broken run. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final Topics topics;
    private final long window;
    private final List<Producer<String, byte[]>> results = new ArrayList<>();
    private final List<Loop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** The run whose records the consumers are handling; a run starts only after the previous one settled. */
    private volatile Run current;
    private volatile boolean stopping;
    private long runs;

    private BareTrip(String bootstrap, Topics topics, long window) {
        this.bootstrap = bootstrap;
        this.topics = topics;
        this.window = window;
    }

    /**
     * Creates the topics of {@code topics}' namespace (its own trials topic and share group, configured as the
     * workers'), starts {@code config}'s workers × consumers share consumers and returns once every one has polled.
     */
    static BareTrip start(String bootstrap, Topics topics, BenchConfig config) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicSetup(admin, topics).ensureShared();
        }
        BareTrip trip = new BareTrip(bootstrap, topics, config.window());
        try {
            for (int w = 0; w < config.workers(); w++) {
                WorkerConfig defaults = WorkerConfig.defaults(bootstrap, "bare-" + w);
                // the worker's ID names its clients and threads as a worker's, so CpuByRole files them under the same roles
                WorkerConfig worker = new WorkerConfig(bootstrap, topics, defaults.workerId(), config.consumers(), config.maxPollTrials(),
                        defaults.pollTimeout(), config.workerProperties());
                Producer<String, byte[]> producer = new KafkaProducer<>(Intake.producerConfig(worker), new StringSerializer(),
                        new ByteArraySerializer());
                trip.results.add(producer);
                for (int c = 0; c < worker.consumers(); c++) {
                    Loop loop = trip.new Loop(new KafkaShareConsumer<>(Intake.consumerConfig(worker, c), new StringDeserializer(),
                            new ByteArrayDeserializer()), producer, worker.pollTimeout());
                    trip.loops.add(loop);
                    trip.threads.add(Thread.ofPlatform().name(worker.workerId() + "-intake-" + c).start(loop));
                }
            }
            while (!trip.loops.stream().allMatch(loop -> loop.polled)) {
                trip.throwIfFailed();
                Thread.sleep(20);
            }
            return trip;
        } catch (RuntimeException | InterruptedException e) {
            trip.close();
            throw e;
        }
    }

    /**
     * What the records carry: sampled messages, cycled. The samples should outnumber the records of a batch, so that
     * lz4 finds no more repeats in a batch than in the sweep's.
     *
     * @param trials  trial messages, sent as the records' values
     * @param results result messages, sent back as the results' values
     */
    record Payloads(List<byte[]> trials, List<byte[]> results) {
        Payloads {
            if (trials.isEmpty() || results.isEmpty()) {
                throw new IllegalArgumentException("payloads need at least one trial and one result message");
            }
            trials = List.copyOf(trials);
            results = List.copyOf(results);
        }

        int meanTrialBytes() {
            return mean(trials);
        }

        int meanResultBytes() {
            return mean(results);
        }

        private static int mean(List<byte[]> messages) {
            return (int) Math.round(messages.stream().mapToInt(message -> message.length).average().orElse(0));
        }
    }

    /**
     * Sends {@code trips} records through the trip and returns once every result is counted and every record
     * settled (ACCEPTed, or its result refused). Its results go to a results topic of its own, named after {@code name}.
     */
    BareTripMeasurement run(String name, long trips, Payloads payloads) throws InterruptedException {
        throwIfFailed();
        String resultsTopic = topics.results("bare-trip-" + name);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicSetup(admin, topics).ensureSweep("bare-trip-" + name);
        }
        long salt = ++runs;
        Run run = new Run(resultsTopic, payloads.results());
        current = run;
        try (Producer<String, byte[]> fanOut = fanOutProducer(name);
             Counter counter = Counter.start(bootstrap, resultsTopic, salt, trips)) {
            System.gc();
            Map<String, Long> requestsBefore = BrokerRequests.snapshot();
            MachineLoad load = MachineLoad.start();
            long gcBefore = CpuByRole.gcMillis();
            long jitBefore = CpuByRole.jitMillis();
            long cpuBefore = CpuByRole.processCpuNanos();
            long started;
            Map<String, Duration> cpuByRole;
            try (CpuByRole cpu = CpuByRole.start()) {
                started = System.nanoTime();
                publish(fanOut, counter, salt, trips, payloads.trials());
                while (!counter.awaitCounted(trips, Duration.ofMillis(500))) {
                    throwIfFailed();
                    counter.throwIfFailed();
                }
                cpu.close();
                cpuByRole = cpu.byRole();
            }
            Duration elapsed = Duration.ofNanos(counter.finishedAt() - started);
            Duration cpuUsed = Duration.ofNanos(CpuByRole.processCpuNanos() - cpuBefore);
            Duration gc = Duration.ofMillis(CpuByRole.gcMillis() - gcBefore);
            Duration jit = Duration.ofMillis(CpuByRole.jitMillis() - jitBefore);
            load.stop();
            Map<String, Long> requests = BrokerRequests.difference(requestsBefore, BrokerRequests.snapshot());
            awaitSettled(run, trips);
            return new BareTripMeasurement(trips, payloads.meanTrialBytes(), payloads.meanResultBytes(), elapsed, cpuUsed, gc, jit,
                    cpuByRole, requests, load.otherCores(), run.polled.get(), run.redelivered.get(), run.accepted.get(), run.failed.get(), counter.counted(),
                    counter.recordsOnTopic());
        }
    }

    /** As the fan-out: transactions of {@link FanOut#TRIALS_PER_CHECKPOINT}, none left open while the window is full. */
    private void publish(Producer<String, byte[]> fanOut, Counter counter, long salt, long trips, List<byte[]> payloads)
            throws InterruptedException {
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        String prefix = HexFormat.of().toHexDigits(salt);
        boolean inTransaction = false;
        int sinceCommit = 0;
        for (long i = 0; i < trips; i++) {
            if (i - counter.counted() >= window) {
                if (inTransaction) {
                    fanOut.commitTransaction();
                    inTransaction = false;
                    sinceCommit = 0;
                }
                while (!counter.awaitCounted(i - window + 1, Duration.ofMillis(200))) {
                    throwIfFailed();
                    counter.throwIfFailed();
                }
            }
            if (sendFailure.get() != null) {
                throw new IllegalStateException("bare trip: sending to " + topics.trials() + " failed", sendFailure.get());
            }
            if (!inTransaction) {
                fanOut.beginTransaction();
                inTransaction = true;
            }
            fanOut.send(new ProducerRecord<>(topics.trials(), prefix + HexFormat.of().toHexDigits(i), payloads.get((int) (i % payloads.size()))),
                    (metadata, error) -> {
                        if (error != null) {
                            sendFailure.compareAndSet(null, error);
                        }
                    });
            if (++sinceCommit >= FanOut.TRIALS_PER_CHECKPOINT) {
                fanOut.commitTransaction();
                inTransaction = false;
                sinceCommit = 0;
            }
        }
        if (inTransaction) {
            fanOut.commitTransaction();
        }
    }

    private Producer<String, byte[]> fanOutProducer(String name) {
        Map<String, Object> props = new HashMap<>(FanOut.producerSettings());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // "fan-out-…", as the fan-out's client ID, so CpuByRole files its network thread under the same role
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "fan-out-bare-trip-" + name);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.namespace() + "-fanout-bare-trip-" + name);
        Producer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        return producer;
    }

    /** The last records' ACCEPTs follow their results' acks; the check needs them counted. */
    private void awaitSettled(Run run, long trips) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (run.accepted.get() + run.failed.get() < trips && System.nanoTime() < deadline) {
            throwIfFailed();
            Thread.sleep(10);
        }
    }

    private void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("bare trip: a share consumer stopped: " + error.getMessage(), error);
        }
    }

    /** Stops the consumers (their last acknowledgements go with the close) and closes the results producers. */
    @Override
    public void close() {
        stopping = true;
        loops.forEach(loop -> loop.consumer.wakeup());
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
        results.forEach(producer -> producer.close(CLOSE_TIMEOUT));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }


    /** One run's results topic and result payloads, and what the consumers did with its records. */
    private static final class Run {
        final String resultsTopic;
        final List<byte[]> resultPayloads;
        final AtomicLong polled = new AtomicLong();
        final AtomicLong redelivered = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Run(String resultsTopic, List<byte[]> resultPayloads) {
            this.resultsTopic = resultsTopic;
            this.resultPayloads = resultPayloads;
        }
    }

    /** One share consumer's loop, on its own thread: a worker's intake loop with nothing to execute. */
    private final class Loop implements Runnable {
        final ShareConsumer<String, byte[]> consumer;
        private final Producer<String, byte[]> producer;
        private final Duration pollTimeout;
        volatile boolean polled;

        Loop(ShareConsumer<String, byte[]> consumer, Producer<String, byte[]> producer, Duration pollTimeout) {
            this.consumer = consumer;
            this.producer = producer;
            this.pollTimeout = pollTimeout;
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(topics.trials()));
                while (!stopping) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(pollTimeout);
                    polled = true;
                    if (!batch.isEmpty()) {
                        carry(batch);
                    }
                }
            } catch (WakeupException e) {
                if (!stopping) {
                    failure.compareAndSet(null, e);
                }
            } catch (InterruptedException | RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                try {
                    consumer.close(CLOSE_TIMEOUT);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        /** The whole poll's results sent at once, every ack awaited, then every record acknowledged. */
        private void carry(ConsumerRecords<String, byte[]> batch) throws InterruptedException {
            Run run = current;
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(batch.count());
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.count());
            for (ConsumerRecord<String, byte[]> record : batch) {
                run.polled.incrementAndGet();
                if (record.deliveryCount().map(count -> count > 1).orElse(false)) {
                    run.redelivered.incrementAndGet();
                }
                records.add(record);
                acks.add(producer.send(new ProducerRecord<>(run.resultsTopic, record.key(),
                        run.resultPayloads.get((int) (record.offset() % run.resultPayloads.size())))));
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    acks.get(i).get();
                    consumer.acknowledge(records.get(i), AcknowledgeType.ACCEPT);
                    run.accepted.incrementAndGet();
                } catch (ExecutionException e) {
                    consumer.acknowledge(records.get(i), AcknowledgeType.RELEASE);
                    run.failed.incrementAndGet();
                }
            }
        }
    }

    /**
     * The aggregator's part: reads a results topic from the beginning on a thread of its own, named as the
     * aggregator's, and counts distinct keys of one run.
     */
    private static final class Counter implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final String prefix;
        private final long trips;
        private final BitSet seen;
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Object lock = new Object();
        private volatile boolean closing;
        private volatile long counted;
        private volatile long finishedAt;

        private Counter(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, long salt, long trips) {
            this.consumer = consumer;
            this.partitions = partitions;
            this.prefix = HexFormat.of().toHexDigits(salt);
            this.trips = trips;
            this.seen = new BitSet((int) trips);
            this.thread = Thread.ofPlatform().name("aggregator").unstarted(this::count);
        }

        /** Assigned and positioned before it returns, so that the timed span holds no start-up. */
        static Counter start(String bootstrap, String topic, long salt, long trips) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bare-trip-aggregator-" + topic);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                partitions.forEach(consumer::position);
                Counter counter = new Counter(consumer, partitions, salt, trips);
                counter.thread.start();
                return counter;
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
        }

        private void count() {
            try {
                long distinct = 0;
                while (!closing && distinct < trips) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(COUNTER_POLL)) {
                        String key = record.key();
                        if (key == null || key.length() != 32 || !key.startsWith(prefix)) {
                            continue;
                        }
                        long index = HexFormat.fromHexDigitsToLong(key, 16, 32);
                        if (index >= 0 && index < trips && !seen.get((int) index)) {
                            seen.set((int) index);
                            distinct++;
                        }
                    }
                    if (distinct != counted) {
                        if (distinct == trips) {
                            finishedAt = System.nanoTime();
                        }
                        synchronized (lock) {
                            counted = distinct;
                            lock.notifyAll();
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }

        long counted() {
            return counted;
        }

        /** @return whether at least {@code count} keys were counted within {@code timeout} */
        boolean awaitCounted(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (counted < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || failure.get() != null || !thread.isAlive()) {
                        return counted >= count;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
                return true;
            }
        }

        long finishedAt() {
            return finishedAt;
        }

        /** Records on the results topic now (no transactions there, no compaction yet: one offset per record). */
        long recordsOnTopic() {
            stop();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        void throwIfFailed() {
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("bare trip: the counting consumer stopped: " + error.getMessage(), error);
            }
        }

        /** Its thread polls briefly, so it sees {@code closing} soon; no wakeup, which would fail the consumer's next call. */
        private void stop() {
            closing = true;
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
            consumer.close();
        }
    }
}
