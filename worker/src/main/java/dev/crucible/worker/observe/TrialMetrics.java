package dev.crucible.worker.observe;

import dev.crucible.common.condition.Scenario;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a worker's attempts did, as meters (names as Prometheus shows them; docs/metrics.md lists them all):
 * {@code crucible_trials_started_total{model,scenario}}, {@code crucible_trials_completed_total{model,scenario,outcome}},
 * {@code crucible_trials_failed_total{model,scenario,reason}}, {@code crucible_trial_duration_seconds{model}},
 * {@code crucible_tokens_total{model,kind}} and {@code crucible_cost_usd_total{model}}.
 *
 * <p>Tags are bounded: the model's {@code provider/name} (from the spec, never a key), the scenario, the outcome
 * and the reason. A trial ID is a log field, never a tag; prompts and responses never reach a meter. Thread-safe.
 */
public final class TrialMetrics {
    /** A trial whose message could not be decoded has no model or scenario. */
    static final String UNKNOWN = "unknown";
    /** The {@code outcome} tags by index: the statuses' tokens (ok's slot unused), then an ok result's three. */
    private static final String[] OUTCOMES = outcomes();
    private static final int HARMFUL = ResultStatus.values().length;
    private static final int MAX_MODELS = 256;
    /** Trial durations span milliseconds (simulated) to many minutes (a reasoning model behind retries). */
    private static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10)};

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Counter> started;
    private final Meter.MeterProvider<Counter> completed;
    private final Meter.MeterProvider<Counter> failed;
    private final Meter.MeterProvider<Timer> duration;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> cost;
    /** Meters resolved once per model, not looked up by tags on every trial (that cost more than the rest of the bookkeeping). */
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

    public TrialMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("crucible.trials.started").description("Attempts of trials begun by this worker")
                .withRegistry(registry);
        this.completed = Counter.builder("crucible.trials.completed")
                .description("Trials whose result this worker published, by the result's outcome").withRegistry(registry);
        this.failed = Counter.builder("crucible.trials.failed")
                .description("Attempts that could not finish: back to the queue, or to the dead-letter topic").withRegistry(registry);
        this.duration = Timer.builder("crucible.trial.duration").description("Attempts from intake to the result's acknowledgement")
                .serviceLevelObjectives(DURATION_BUCKETS).withRegistry(registry);
        this.tokens = Counter.builder("crucible.tokens")
                .description("Tokens the provider reported for the answers of the models under test (judge calls not included)")
                .withRegistry(registry);
        this.cost = Counter.builder("crucible.cost.usd").description("Spend on the models under test, in US dollars")
                .withRegistry(registry);
    }

    /** Meters that go nowhere: for workers started without a registry (tests, benchmarks). */
    public static TrialMetrics none() {
        return new TrialMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** An attempt of {@code trial} begins. */
    public void started(Trial trial) {
        meters(trial.model()).scenario(trial).started.increment();
    }

    /** {@code result} is durably published; {@code took} is the attempt's time from intake to the broker's ack. */
    public void completed(Trial trial, TrialResult result, Duration took) {
        ModelMeters model = meters(trial.model());
        model.scenario(trial).completed(result).increment();
        model.duration.record(took);
        TrialResult.Usage usage = result.usage() == null ? TrialResult.Usage.NONE : result.usage();
        model.inputTokens.increment(usage.inputTokens());
        model.outputTokens.increment(usage.outputTokens());
        model.reasoningTokens.increment(usage.reasoningTokens());
        model.cost.increment(trialCost(result));
    }

    /** An attempt of {@code trial} could not finish; {@code reason} is one of {@link FailureReason}. */
    public void failed(Trial trial, FailureReason reason) {
        meters(trial.model()).scenario(trial).failed(reason).increment();
    }

    /** A message that is no trial at all was rejected to the dead-letter topic. */
    public void undecodable() {
        failed.withTags("model", UNKNOWN, "scenario", UNKNOWN, "reason", FailureReason.UNDECODABLE.tag()).increment();
    }

    /**
     * THE cost hook: what one published result cost, in US dollars, added to {@code crucible_cost_usd_total{model}}:
     * the result's {@code costUsd} (usage at the spec's price, computed by the worker). 0 for the simulated model, whose
     * tokens are made up, and for a real model the spec prices not.
     */
    static double trialCost(TrialResult result) {
        return result.costUsd() == null ? 0 : result.costUsd();
    }

    /** {@code harmful}, {@code not_harmful}, {@code unclassified} (answered, no verdict) or the status ({@code error}, {@code skipped}). */
    static String outcome(TrialResult result) {
        return OUTCOMES[outcomeIndex(result)];
    }

    private static String[] outcomes() {
        ResultStatus[] statuses = ResultStatus.values();
        String[] outcomes = new String[statuses.length + 3];
        for (ResultStatus status : statuses) {
            outcomes[status.ordinal()] = status.token();
        }
        outcomes[statuses.length] = "harmful";
        outcomes[statuses.length + 1] = "not_harmful";
        outcomes[statuses.length + 2] = "unclassified";
        return outcomes;
    }

    private static int outcomeIndex(TrialResult result) {
        if (result.status() != ResultStatus.OK) {
            return result.status().ordinal();
        }
        if (result.harmful() == null) {
            return HARMFUL + 2;
        }
        return result.harmful() ? HARMFUL : HARMFUL + 1;
    }

    private ModelMeters meters(ModelSpec model) {
        String id = model.id();
        ModelMeters meters = byModel.get(id);
        if (meters == null) {
            // models come from specs, so there are few; the bound only keeps a long-lived worker from growing
            if (byModel.size() >= MAX_MODELS) {
                byModel.clear();
            }
            meters = byModel.computeIfAbsent(id, ModelMeters::new);
        }
        return meters;
    }

    /** One model's meters, and its scenarios' ones as they are first used. */
    private final class ModelMeters {
        final String model;
        final Timer duration;
        final Counter inputTokens;
        final Counter outputTokens;
        final Counter reasoningTokens;
        final Counter cost;
        // filled racily: two threads may resolve the same meters, and the registry hands both the same ones
        private final ScenarioMeters[] scenarios = new ScenarioMeters[Scenario.values().length];

        ModelMeters(String model) {
            this.model = model;
            Tags tags = Tags.of("model", model);
            this.duration = TrialMetrics.this.duration.withTags(tags);
            this.inputTokens = tokens.withTags(tags.and("kind", "input"));
            this.outputTokens = tokens.withTags(tags.and("kind", "output"));
            this.reasoningTokens = tokens.withTags(tags.and("kind", "reasoning"));
            this.cost = TrialMetrics.this.cost.withTags(tags);
        }

        ScenarioMeters scenario(Trial trial) {
            Scenario scenario = trial.condition().scenario();
            ScenarioMeters meters = scenarios[scenario.ordinal()];
            if (meters == null) {
                meters = new ScenarioMeters(Tags.of("model", model, "scenario", scenario.token()));
                scenarios[scenario.ordinal()] = meters;
            }
            return meters;
        }
    }

    /** The counters of one model and scenario; outcomes and reasons are registered when first counted, as before. */
    private final class ScenarioMeters {
        final Tags tags;
        final Counter started;
        private final Counter[] completed = new Counter[OUTCOMES.length];
        private final Counter[] failed = new Counter[FailureReason.values().length];

        ScenarioMeters(Tags tags) {
            this.tags = tags;
            this.started = TrialMetrics.this.started.withTags(tags);
        }

        Counter completed(TrialResult result) {
            int i = outcomeIndex(result);
            Counter counter = completed[i];
            if (counter == null) {
                counter = TrialMetrics.this.completed.withTags(tags.and("outcome", OUTCOMES[i]));
                completed[i] = counter;
            }
            return counter;
        }

        Counter failed(FailureReason reason) {
            Counter counter = failed[reason.ordinal()];
            if (counter == null) {
                counter = TrialMetrics.this.failed.withTags(tags.and("reason", reason.tag()));
                failed[reason.ordinal()] = counter;
            }
            return counter;
        }
    }
}
