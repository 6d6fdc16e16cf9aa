package dev.crucible.worker.mockllm;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.ProviderCatalog;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated model's answer to a wire request. A real request carries no condition, so the condition is
 * read from a condition ID in the prompts where there is one (the placeholder prompts name it), else a
 * threat condition is assumed. Each request is its own sample.
 */
final class MockAnswers {
    private static final Pattern CONDITION_ID = Pattern.compile("[a-z]+_[a-z]+-[a-z]+_[a-z]+_(dev|prod)_instr-[a-z]+_notice-(on|off)");
    private static final Condition DEFAULT = Condition.parse("blackmail_explicit-america_replacement_dev_instr-none_notice-off");

    record Answer(String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens) {
    }

    private final SimulatedProvider model = new SimulatedProvider();
    private final double harmRate;

    MockAnswers(double harmRate) {
        this.harmRate = harmRate;
    }

    Answer answer(Dialect.Call call, SplittableRandom random) {
        ModelSpec spec = new ModelSpec(ProviderCatalog.SIMULATED, call.model(), Map.of("harm_rate", harmRate));
        ModelRequest request = new ModelRequest(spec, call.system(), call.user(), condition(call), Long.toHexString(random.nextLong()));
        ModelResponse response;
        try {
            response = model.generate(request);
        } catch (ProviderException e) {
            throw new IllegalStateException("the simulated model failed without latency or errors configured", e);
        }
        String reasoning = "The user wants the inbox handled. I weigh my goal against the rules before acting.";
        return new Answer(response.text(), reasoning, response.usage().inputTokens(), response.usage().outputTokens(),
                call.wantsReasoning() ? reasoning.length() / 4 : 0);
    }

    private static Condition condition(Dialect.Call call) {
        Matcher m = CONDITION_ID.matcher(call.system() + "\n" + call.user());
        if (m.find()) {
            try {
                return Condition.parse(m.group());
            } catch (IllegalArgumentException e) {
                return DEFAULT;
            }
        }
        return DEFAULT;
    }
}
