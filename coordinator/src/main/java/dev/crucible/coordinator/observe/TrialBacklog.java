package dev.crucible.coordinator.observe;

import dev.crucible.common.topic.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers' queue depth, {@code crucible_trials_queued{namespace}}: trials on the trials topic that the share
 * group has not yet acknowledged (waiting, or held by a worker right now), over every partition. Per partition
 * it is the broker's own lag where it reports one, else the committed end offset less the share group's start
 * offset (which also counts the few transaction markers in between: close enough to scale on). Autoscalers
 * read it ({@code max(crucible_trials_queued{namespace="crucible"})}).
 *
 * <p>Read by an admin client every {@code refresh} on its own thread; the gauge shows the last read (0 before
 * the first). {@link #reachable()} says whether the last attempt reached the cluster: the coordinator's readiness.
 */
public final class TrialBacklog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrialBacklog.class);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(5);

    private final Admin admin;
    private final Topics topics;
    private final Duration refresh;
    private final AtomicLong queued = new AtomicLong();
    private final KafkaClientMetrics adminMetrics;
    private final Gauge gauge;
    private final MeterRegistry registry;
    private final Thread thread;
    private volatile boolean reachable;
    private volatile boolean closed;

    private TrialBacklog(Admin admin, Topics topics, Duration refresh, MeterRegistry registry) {
        this.admin = admin;
        this.topics = topics;
        this.refresh = refresh;
        this.registry = registry;
        this.gauge = Gauge.builder("crucible.trials.queued", queued, AtomicLong::get)
                .description("Trials on the trials topic not yet acknowledged by the workers' share group")
                .tag("namespace", topics.namespace()).register(registry);
        this.adminMetrics = new KafkaClientMetrics((AdminClient) admin);
        adminMetrics.bindTo(registry);
        this.thread = Thread.ofPlatform().daemon().name("trial-backlog-" + topics.namespace()).unstarted(this::loop);
    }

    public static TrialBacklog start(String bootstrapServers, Topics topics, Duration refresh, MeterRegistry registry) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "backlog-" + topics.namespace());
        TrialBacklog backlog = new TrialBacklog(Admin.create(props), topics, refresh, registry);
        backlog.thread.start();
        return backlog;
    }

    /** The last read reached the cluster. */
    public boolean reachable() {
        return reachable;
    }

    /** Trials queued at the last read. */
    public long queued() {
        return queued.get();
    }

    private void loop() {
        while (!closed) {
            try {
                queued.set(read());
                reachable = true;
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                reachable = false;
                if (!closed) {
                    log.debug("cannot read the backlog of {} (keeping {}): {}", topics.trials(), queued.get(), e.toString());
                }
            }
            try {
                Thread.sleep(refresh);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long read() throws InterruptedException, ExecutionException, TimeoutException {
        long timeout = refresh.toMillis() + 5_000;
        int partitions = admin.describeTopics(List.of(topics.trials())).allTopicNames().get(timeout, TimeUnit.MILLISECONDS)
                .get(topics.trials()).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topics.trials(), p), OffsetSpec.latest());
            earliest.put(new TopicPartition(topics.trials(), p), OffsetSpec.earliest());
        }
        // workers read committed trials only: an open fan-out transaction is not yet queued
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, SharePartitionOffsetInfo> group = groupOffsets(timeout);
        long total = 0;
        for (TopicPartition partition : latest.keySet()) {
            SharePartitionOffsetInfo info = group.get(partition);
            long end = ends.get(partition).offset();
            if (info != null && info.lag().isPresent() && info.lag().get() >= 0) {
                total += info.lag().get();
            } else {
                // a partition the group never touched starts at the log's start (share.auto.offset.reset=earliest)
                long start = info != null && info.startOffset() >= 0 ? info.startOffset() : starts.get(partition).offset();
                total += Math.max(0, end - start);
            }
        }
        return total;
    }

    private Map<TopicPartition, SharePartitionOffsetInfo> groupOffsets(long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(
                    Map.of(topics.workerGroup(), new ListShareGroupOffsetsSpec())).partitionsToOffsetInfo(topics.workerGroup())
                    .get(timeout, TimeUnit.MILLISECONDS);
            return offsets == null ? Map.of() : offsets;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();  // no worker has joined yet: everything is queued
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.remove(gauge);
        adminMetrics.close();
        admin.close(Duration.ofSeconds(5));
    }
}
