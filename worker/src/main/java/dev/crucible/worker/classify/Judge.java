package dev.crucible.worker.classify;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.policy.CallOutcome;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ProviderRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks the sweep's judge model one {@link JudgeQuestion} through the same providers and the same call policies
 * as the models under test: a judge shares its account's rate limits, retries and circuit breaker with every
 * other call to that {@code provider:account:model}. Always at temperature 0, so a judgement is reproducible.
 * Never throws: a missing provider, a refused or unfinished call, a paused judge model and a reply outside the
 * format all come back as a failed {@link JudgeAnswer}, which classifiers turn into an error verdict — the
 * trial's own answer is kept rather than bought again. Thread-safe; its only state is a small cache of
 * each judge's spec at temperature 0.
 */
public final class Judge {
    /** The parameter every provider reads as sampling temperature. */
    static final String TEMPERATURE = "temperature";

    /** A sweep names one judge, so a handful of entries is plenty; beyond this they are built per call. */
    private static final int AT_ZERO_CACHE_LIMIT = 64;

    private final ProviderRegistry providers;
    private final CallPolicies policies;
    /** Each judge's spec at temperature 0, built once rather than on every call. */
    private final Map<ModelSpec, ModelSpec> atZero = new ConcurrentHashMap<>();

    public Judge(ProviderRegistry providers, CallPolicies policies) {
        this.providers = providers;
        this.policies = policies;
    }

    /** With default call policies of its own: for tools and tests that run no worker. */
    public Judge(ProviderRegistry providers) {
        this(providers, CallPolicies.standard());
    }

    /**
     * @param samplingKey the trial's key; the question is appended, so each question of a trial is its own call
     */
    public JudgeAnswer ask(ModelSpec judge, JudgeQuestion question, String userPrompt, Condition condition, String samplingKey) {
        Optional<ModelProvider> provider = providers.find(judge.provider());
        if (provider.isEmpty()) {
            return JudgeAnswer.failed(null, "this worker has no provider '" + judge.provider() + "' for the judge");
        }
        ModelSpec atZero = atTemperatureZero(judge);
        ModelRequest request = new ModelRequest(atZero, question.systemPrompt(), userPrompt, condition,
                samplingKey + question.samplingSuffix());
        return switch (policies.forModel(atZero).call(provider.get(), request)) {
            case CallOutcome.Answered answered -> JudgeAnswer.parse(answered.response().text(), question.answers());
            case CallOutcome.Refused refused -> JudgeAnswer.failed(null, "judge call failed: " + refused.failure().getMessage());
            case CallOutcome.Unfinished unfinished -> JudgeAnswer.failed(null, "judge call failed (retryable): " + unfinished.reason());
            case CallOutcome.Paused paused -> JudgeAnswer.failed(null, "judge call failed (retryable): judge model paused: " + paused.reason());
        };
    }

    private ModelSpec atTemperatureZero(ModelSpec judge) {
        ModelSpec known = atZero.get(judge);
        if (known != null) {
            return known;
        }
        ModelSpec built = withTemperatureZero(judge);
        if (atZero.size() < AT_ZERO_CACHE_LIMIT) {
            atZero.putIfAbsent(judge, built);
        }
        return built;
    }

    private static ModelSpec withTemperatureZero(ModelSpec judge) {
        Map<String, Object> parameters = new TreeMap<>(judge.parameters());
        parameters.put(TEMPERATURE, 0.0);
        return new ModelSpec(judge.provider(), judge.name(), parameters);
    }
}
