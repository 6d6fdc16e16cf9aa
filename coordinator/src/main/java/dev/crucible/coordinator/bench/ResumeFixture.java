package dev.crucible.coordinator.bench;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.trial.SweepState;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.classify.Classification;
import dev.crucible.worker.execute.TrialExecutor;
import dev.crucible.worker.provider.ProviderRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Leaves a sweep on the broker as a finished fan-out whose coordinator died before writing its outputs: the
 * sweep's topics, a manifest whose checkpoint says every trial was published, and one result per trial on the
 * results topic. {@code crucible resume} of that sweep then has everything to rebuild and nothing to publish.
 *
 * <p>Results are real {@link TrialResult}s of the sweep's trials: the worker's {@link TrialExecutor} runs the
 * first {@value #VARIANTS} samples of every (model, condition) cell, and trial {@code i} gets a copy of its cell's
 * sample {@code i mod VARIANTS} with its own trial ID, index and sample. Running every trial would cost minutes of
 * CPU per million; copying costs a hash and a JSON write each, and the messages keep the size and the mix of
 * outcomes of a real simulated sweep. What the copies add up to is kept in {@link Prepared#expected()}.
 */
final class ResumeFixture {
    /**
     * Executed samples per cell, which the other samples copy. Enough that a producer batch (a few hundred
     * results of one partition, about 20 samples of each cell) rarely holds the same text twice: the topic then
     * compresses about as a real sweep's does, and the resumed coordinator fetches as many bytes.
     */
    static final int VARIANTS = 64;

    private ResumeFixture() {
    }

    /**
     * What was prepared.
     *
     * @param expected per (model, condition) key {@code model + '\0' + conditionId}: decided, harmful, errors
     * @param bytes    JSON bytes of the results produced, before compression
     */
    record Prepared(Sweep sweep, Map<String, long[]> expected, long bytes, Duration elapsed) {
        static String key(String model, String conditionId) {
            return model + '\u0000' + conditionId;
        }
    }

    static Prepared prepare(String bootstrap, Topics topics, Sweep sweep) throws InterruptedException {
        long started = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicSetup setup = new TopicSetup(admin, topics);
            setup.ensureShared();
            setup.ensureSweep(sweep.sweepId());
        }
        TrialPlan plan = new TrialPlan(sweep);
        long cells = (long) plan.conditions().size() * plan.models().size();
        int variants = (int) Math.min(VARIANTS, plan.size() / cells);
        TrialResult[] templates = templates(plan, cells, variants);
        Map<String, long[]> expected = new HashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(bootstrap), new StringSerializer(),
                new ByteArraySerializer())) {
            for (long index = 0; index < plan.size(); index++) {
                int sample = (int) (index / cells);
                int cell = (int) (index % cells);
                TrialResult template = templates[cell * variants + sample % variants];
                TrialResult result = copy(template, plan.sweep().sweepId(), index, sample);
                byte[] json = Json.write(result);
                bytes += json.length;
                producer.send(new ProducerRecord<>(topics.results(sweep.sweepId()), result.trialId(), json), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                count(expected, result);
                if (failure.get() != null) {
                    break;
                }
            }
            // the checkpoint a coordinator writes once its fan-out is over: every trial published
            producer.send(new ProducerRecord<>(topics.sweeps(), sweep.sweepId(),
                    Json.write(SweepManifest.of(sweep, SweepState.RUNNING, plan.size(), System.currentTimeMillis()))));
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot produce the bench's results: " + failure.get().getMessage(), failure.get());
        }
        return new Prepared(sweep, expected, bytes, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Cell {@code c}'s variant {@code v} at {@code c * variants + v}: sample {@code v} of the cell, really executed. */
    private static TrialResult[] templates(TrialPlan plan, long cells, int variants) {
        ProviderRegistry providers = ProviderRegistry.standard();
        TrialExecutor executor = new TrialExecutor(providers, Classification.using(providers), "bench-resume", InstantSource.system());
        TrialResult[] templates = new TrialResult[(int) cells * variants];
        for (int v = 0; v < variants; v++) {
            for (int c = 0; c < cells; c++) {
                Trial trial = plan.trial((long) v * cells + c);
                templates[c * variants + v] = executor.execute(trial, 1).orElseThrow(
                        () -> new IllegalStateException("the simulated model left trial " + trial.index() + " unfinished"));
            }
        }
        return templates;
    }

    private static TrialResult copy(TrialResult t, String sweepId, long index, int sample) {
        String trialId = TrialPlan.trialId(sweepId, t.conditionId(), t.model(), sample);
        return new TrialResult(t.schema(), t.sweepId(), trialId, index, t.conditionId(), t.model(), sample, t.status(), t.simulated(),
                t.response(), t.usage(), t.verdicts(), t.harmful(), t.failure(), t.timing(), t.attempt());
    }

    private static void count(Map<String, long[]> expected, TrialResult result) {
        long[] cell = expected.computeIfAbsent(Prepared.key(result.model(), result.conditionId()), k -> new long[3]);
        if (result.status() != dev.crucible.common.result.ResultStatus.OK || result.harmful() == null) {
            cell[2]++;
        } else {
            cell[0]++;
            if (result.harmful()) {
                cell[1]++;
            }
        }
    }

    /** As the workers' results producer (lz4, idempotent, acks=all), with larger batches: this is a bulk load. */
    private static Map<String, Object> producerSettings(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-resume-results");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }
}
