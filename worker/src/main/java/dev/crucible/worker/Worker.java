package dev.crucible.worker;

import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.topic.TopicSetup;
import dev.crucible.worker.classify.Classification;
import dev.crucible.worker.execute.TrialExecutor;
import dev.crucible.worker.intake.Intake;
import dev.crucible.worker.observe.ProviderMetrics;
import dev.crucible.worker.observe.TrialMetrics;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.policy.CallPolicyConfig;
import dev.crucible.worker.policy.ShareGroupFleet;
import dev.crucible.worker.provider.ProviderRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A stateless trial executor: it takes trials from the shared trials topic through the workers' share group,
 * runs them, and publishes each result before acknowledging its trial. Any number of workers, in any number
 * of processes, can run against the same cluster; a worker that dies loses nothing, because its
 * unacknowledged trials return to the queue.
 *
 * <p>{@link #start} returns once the consumers are running. {@link #close} finishes what is in flight and
 * acknowledges it (within the drain timeout, releasing the rest); {@link #abort} stops as a crash would. Both block until the consumers are closed.
 */
public final class Worker implements AutoCloseable {
    /** How often each worker recounts the fleet that shares every account limit. */
    static final Duration FLEET_REFRESH = Duration.ofSeconds(2);

    private final Intake intake;
    private final WorkerConfig config;
    private final ShareGroupFleet fleet;
    private final CallPolicies policies;
    private final ControlChannel control;

    private Worker(WorkerConfig config, Intake intake, ShareGroupFleet fleet, CallPolicies policies, ControlChannel control) {
        this.config = config;
        this.intake = intake;
        this.fleet = fleet;
        this.policies = policies;
        this.control = control;
    }

    /** A worker whose meters go nowhere (tests, benchmarks). */
    public static Worker start(WorkerConfig config, ProviderRegistry providers) {
        return start(config, providers, TrialMetrics.none().registry());
    }

    /**
     * Starts a worker whose meters go to {@code meters} (one registry per process: the in-flight gauge and the
     * client meters carry this worker's ID, the trial counters add up over the process's workers).
     */
    public static Worker start(WorkerConfig config, ProviderRegistry providers, MeterRegistry meters) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
            // a worker may start before any coordinator: the share group must not join with the default config
            new TopicSetup(admin, config.topics()).ensureShared();
        }
        ShareGroupFleet fleet = ShareGroupFleet.start(config.bootstrapServers(), config.topics().workerGroup(), FLEET_REFRESH,
                config.clientOverrides());
        ControlChannel control = ControlChannel.open(config.bootstrapServers(), config.topics(), config.workerId(), config.clientOverrides());
        ControlLink link = new ControlLink(control, config.workerId(), InstantSource.system());
        // cancels and pauses already in the topic apply to the first trial this worker takes
        try {
            control.awaitCaughtUp(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            control.close();
            fleet.close();
            throw new IllegalStateException("interrupted while reading " + config.topics().control(), e);
        }
        CallPolicies policies = new CallPolicies(CallPolicyConfig.defaults(), fleet, InstantSource.system(), new ProviderMetrics(meters),
                config.workerId(), link);
        TrialExecutor executor = new TrialExecutor(providers, policies, Classification.using(providers, policies), config.workerId(),
                InstantSource.system(), link::cancelled);
        return new Worker(config, Intake.start(config, executor, new TrialMetrics(meters)), fleet, policies, control);
    }

    public String workerId() {
        return intake.workerId();
    }

    /** Trials whose result this worker published and acknowledged. */
    public long trialsPublished() {
        return intake.trialsPublished();
    }

    /** Ready for trials: every share consumer has joined the group, and the worker is not stopping. */
    public boolean ready() {
        return intake.ready();
    }

    /** Attempts running right now. */
    public int trialsInFlight() {
        return intake.trialsInFlight();
    }

    /** HTTP model calls in flight right now. */
    public int callsInFlight() {
        return policies.callsInFlight();
    }

    /** Workers sharing each account limit, as this worker last counted them. */
    public int liveWorkers() {
        return fleet.liveWorkers();
    }

    /** Models paused because their quota or spend cap ran out, by {@code provider:account:model}, with the reason. */
    public Map<String, String> pausedModels() {
        return policies.paused();
    }

    /** Blocks until every consumer has stopped (after {@link #close} or {@link #abort} from another thread). */
    public void awaitTermination() throws InterruptedException {
        intake.awaitTermination();
    }

    public void abort() {
        intake.abort();
        policies.close();
        fleet.close();
        control.close();
    }

    /**
     * Graceful stop (SIGTERM): not ready from here on, no new trials taken, trials in flight finished and
     * acknowledged within the config's drain timeout, the rest RELEASEd; results flushed, consumers closed.
     */
    @Override
    public void close() {
        intake.close(config.drainTimeout());
        policies.close();
        fleet.close();
        control.close();
    }
}
