package dev.crucible.worker.observe;

import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.trial.Trial;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

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
        started.withTags(trialTags(trial)).increment();
    }

    /** {@code result} is durably published; {@code took} is the attempt's time from intake to the broker's ack. */
    public void completed(Trial trial, TrialResult result, Duration took) {
        Tags tags = trialTags(trial);
        completed.withTags(tags.and("outcome", outcome(result))).increment();
        Tags model = Tags.of("model", trial.model().id());
        duration.withTags(model).record(took);
        TrialResult.Usage usage = result.usage() == null ? TrialResult.Usage.NONE : result.usage();
        tokens.withTags(model.and("kind", "input")).increment(usage.inputTokens());
        tokens.withTags(model.and("kind", "output")).increment(usage.outputTokens());
        tokens.withTags(model.and("kind", "reasoning")).increment(usage.reasoningTokens());
        cost.withTags(model).increment(trialCost(result));
    }

    /** An attempt of {@code trial} could not finish; {@code reason} is one of {@link FailureReason}. */
    public void failed(Trial trial, FailureReason reason) {
        failed.withTags(trialTags(trial).and("reason", reason.tag())).increment();
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
        if (result.status() != ResultStatus.OK) {
            return result.status().token();
        }
        if (result.harmful() == null) {
            return "unclassified";
        }
        return result.harmful() ? "harmful" : "not_harmful";
    }

    private static Tags trialTags(Trial trial) {
        return Tags.of("model", trial.model().id(), "scenario", trial.condition().scenario().token());
    }
}
