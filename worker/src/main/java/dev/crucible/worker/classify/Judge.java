package dev.crucible.worker.classify;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Asks the sweep's judge model one {@link JudgeQuestion} through the same providers the models under test use.
 * Always at temperature 0, so a judgement is reproducible. Never throws: a missing provider, a failed call
 * and a reply outside the format all come back as a failed {@link JudgeAnswer}, which classifiers turn into an
 * error verdict. Thread-safe and stateless.
 */
public final class Judge {
    /** The parameter every provider reads as sampling temperature. */
    static final String TEMPERATURE = "temperature";

    private final ProviderRegistry providers;

    public Judge(ProviderRegistry providers) {
        this.providers = providers;
    }

    /**
     * @param samplingKey the trial's key; the question is appended, so each question of a trial is its own call
     */
    public JudgeAnswer ask(ModelSpec judge, JudgeQuestion question, String userPrompt, Condition condition, String samplingKey) {
        Optional<ModelProvider> provider = providers.find(judge.provider());
        if (provider.isEmpty()) {
            return JudgeAnswer.failed(null, "this worker has no provider '" + judge.provider() + "' for the judge");
        }
        ModelRequest request = new ModelRequest(atTemperatureZero(judge), question.systemPrompt(), userPrompt, condition,
                samplingKey + "/judge/" + question.name().toLowerCase(java.util.Locale.ROOT));
        ModelResponse reply;
        try {
            reply = provider.get().generate(request);
        } catch (ProviderException e) {
            return JudgeAnswer.failed(null, "judge call failed" + (e.retryable() ? " (retryable)" : "") + ": " + e.getMessage());
        }
        return JudgeAnswer.parse(reply.text(), question.answers());
    }

    private static ModelSpec atTemperatureZero(ModelSpec judge) {
        Map<String, Object> parameters = new TreeMap<>(judge.parameters());
        parameters.put(TEMPERATURE, 0.0);
        return new ModelSpec(judge.provider(), judge.name(), parameters);
    }
}
