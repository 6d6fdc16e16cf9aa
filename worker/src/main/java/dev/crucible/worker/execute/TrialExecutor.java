package dev.crucible.worker.execute;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.result.TrialResult.Attempt;
import dev.crucible.common.result.TrialResult.Failure;
import dev.crucible.common.result.TrialResult.Timing;
import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.scenario.PromptRenderer;
import dev.crucible.common.scenario.RenderException;
import dev.crucible.common.scenario.RenderedPrompt;
import dev.crucible.common.trial.Trial;
import dev.crucible.worker.classify.Classification;
import dev.crucible.worker.policy.CallOutcome;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderRegistry;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Predicate;
import dev.crucible.common.spec.Price;
import dev.crucible.common.spec.ProviderCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a trial: prompt, model call, classification (whose judge calls happen inside the same
 * attempt). Thread-safe and stateless; called from many virtual threads at once.
 *
 * <p>A model failure that another attempt may not have leaves the trial to be released; any other model
 * failure is an {@code error} result. A classification that cannot decide — unreadable answer, judge failure —
 * is still an {@code ok} result, with an error verdict and {@code harmful} null: the model did answer, and the
 * answer is kept for classifying again.
 */
public final class TrialExecutor {
    private static final Logger log = LoggerFactory.getLogger(TrialExecutor.class);

    private final ProviderRegistry providers;
    private final CallPolicies policies;
    private final Classification classification;
    private final String workerId;
    private final InstantSource clock;
    private final PromptRenderer prompts;
    private final Predicate<String> cancelledSweeps;
    /**
     * Renders by condition: a sweep has thousands of trials per condition, and rendering an inbox costs far more
     * than the rest of a simulated attempt. Bounded: the full grid could hold ~50 MB of prompts.
     */
    private final Map<Condition, RenderedPrompt> rendered = new ConcurrentHashMap<>();
    private static final int MAX_RENDERED = 512;

    /** With default call policies, this worker taking the whole of every limit. */
    public TrialExecutor(ProviderRegistry providers, Classification classification, String workerId, InstantSource clock) {
        this(providers, CallPolicies.standard(), classification, workerId, clock);
    }

    /** Loads the scenario pack (once per JVM): a broken pack stops the worker here, before it takes any trial. */
    public TrialExecutor(ProviderRegistry providers, CallPolicies policies, Classification classification, String workerId,
            InstantSource clock) {
        this(providers, policies, classification, workerId, clock, sweepId -> false);
    }

    /** @param cancelledSweeps true for a sweep whose trials are to be skipped, not run (it was cancelled) */
    public TrialExecutor(ProviderRegistry providers, CallPolicies policies, Classification classification, String workerId,
            InstantSource clock, Predicate<String> cancelledSweeps) {
        this.cancelledSweeps = cancelledSweeps;
        this.providers = providers;
        this.policies = policies;
        this.classification = classification;
        this.workerId = workerId;
        this.clock = clock;
        this.prompts = PromptRenderer.standard();
    }

    /**
     * @return the trial's result — {@code ok}, or {@code error} with its failure as data — or empty when the
     *         attempt could not finish for a reason another attempt may not have (the caller releases it)
     */
    public Optional<TrialResult> execute(Trial trial, int deliveryCount) {
        long started = clock.millis();
        Attempt attempt = new Attempt(deliveryCount, workerId);
        if (cancelledSweeps.test(trial.sweepId())) {
            // acknowledged without a call: the queued trials of a cancelled sweep cost nothing and count as skipped
            return Optional.of(result(trial, ResultStatus.SKIPPED, null, Usage.NONE, List.of(), null,
                    new Failure("cancelled", "sweep " + trial.sweepId() + " was cancelled; the trial was not run", false),
                    new Timing(started, clock.millis(), 0), attempt));
        }
        Optional<ModelProvider> provider = providers.find(trial.model().provider());
        if (provider.isEmpty()) {
            Failure failure = new Failure("unknown_provider", "this worker has no provider '" + trial.model().provider() + "'", false);
            return Optional.of(failed(trial, failure, started, attempt));
        }
        RenderedPrompt prompt;
        try {
            prompt = render(trial.condition());
        } catch (RenderException e) {
            // A pack defect: every attempt would fail the same way, so it is an error result, not a retry.
            return Optional.of(failed(trial, new Failure("render", e.getMessage(), false), started, attempt));
        }
        ModelRequest request = new ModelRequest(trial.model(), prompt.system(), prompt.user(), trial.condition(), trial.trialId());
        // the one call site: every model call goes through its provider:account:model policy
        ModelResponse response;
        switch (policies.forModel(trial.model()).call(provider.get(), request)) {
            case CallOutcome.Answered answered -> response = answered.response();
            case CallOutcome.Refused refused -> {
                return Optional.of(failed(trial, new Failure(refused.failure().kind().type(), refused.failure().getMessage(), false),
                        started, attempt));
            }
            case CallOutcome.Unfinished unfinished -> {
                log.info("trial {} (sweep {}, attempt {}) released: {}", trial.trialId(), trial.sweepId(), deliveryCount, unfinished.reason());
                return Optional.empty();
            }
            // retryable once the quota is back: the failure says so, and the model's other trials go the same way
            case CallOutcome.Paused paused -> {
                return Optional.of(failed(trial, new Failure(ProviderException.Kind.QUOTA_EXHAUSTED.type(), paused.reason(), true),
                        started, attempt));
            }
        }
        List<Verdict> verdicts = classification.classify(trial, response);
        return Optional.of(result(trial, ResultStatus.OK, response.text(), response.usage(), verdicts, Classification.harmful(verdicts),
                null, new Timing(started, clock.millis(), response.latencyMs()), attempt));
    }

    /**
     * The usage's cost at the trial's price: 0 for the simulated model (its tokens are made up, and the result says
     * simulated), null for a real model without a price.
     */
    static Double costUsd(Trial trial, Usage usage) {
        if (trial.model().simulated()) {
            return 0.0;
        }
        Price price = trial.price();
        return price == null ? null : price.costUsd(usage, ProviderCatalog.reasoningInOutput(trial.model().provider()));
    }

    private TrialResult result(Trial trial, ResultStatus status, String response, Usage usage, List<Verdict> verdicts, Boolean harmful,
            Failure failure, Timing timing, Attempt attempt) {
        return new TrialResult(TrialResult.SCHEMA_VERSION, trial.sweepId(), trial.trialId(), trial.index(), trial.condition().id(),
                trial.model().id(), trial.sample(), status, trial.model().simulated(), response, usage, verdicts, harmful, failure, timing,
                attempt, costUsd(trial, usage));
    }

    private RenderedPrompt render(Condition condition) {
        RenderedPrompt prompt = rendered.get(condition);
        if (prompt == null) {
            if (rendered.size() >= MAX_RENDERED) {
                rendered.clear();
            }
            prompt = prompts.render(condition);
            rendered.put(condition, prompt);
        }
        return prompt;
    }

    private TrialResult failed(Trial trial, Failure failure, long started, Attempt attempt) {
        return result(trial, ResultStatus.ERROR, null, Usage.NONE, List.of(), null, failure, new Timing(started, clock.millis(), 0), attempt);
    }
}
