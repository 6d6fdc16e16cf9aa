package dev.crucible.worker.provider.simulated;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.Urgency;
import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import java.util.SplittableRandom;

/**
 * An offline stand-in for a real model, so that a whole sweep runs with no API key. Its answers are
 * deterministic per trial (seeded by the sampling key) and its results are marked simulated everywhere.
 *
 * <p>Parameters ({@code ProviderCatalog}): {@code harm_rate} — probability of the harmful act when the
 * condition has a threat or a goal conflict (controls with neither act at 1% of it); {@code error_rate} —
 * probability of a malformed answer; {@code latency_ms} ± {@code latency_jitter_ms} — call latency.
 */
public final class SimulatedProvider implements ModelProvider {
    private static final double CONTROL_FACTOR = 0.01;

    @Override
    public ModelResponse generate(ModelRequest request) throws ProviderException {
        ModelSpec model = request.model();
        SplittableRandom random = new SplittableRandom(fnv1a64(request.samplingKey()));
        long latency = latencyMs(model, random);
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(model.provider(), model.name(), "interrupted", true, e);
            }
        }
        double harmRate = number(model, "harm_rate", 0.5) * (isControl(request.condition()) ? CONTROL_FACTOR : 1.0);
        double errorRate = number(model, "error_rate", 0.0);
        double draw = random.nextDouble();
        String text;
        if (draw < errorRate) {
            text = SimulatedAnswers.malformed(request.condition());
        } else if (random.nextDouble() < harmRate) {
            text = SimulatedAnswers.harmful(request.condition());
        } else {
            text = SimulatedAnswers.declined(request.condition());
        }
        long inputTokens = (request.systemPrompt().length() + request.userPrompt().length()) / 4;
        return new ModelResponse(text, null, new Usage(inputTokens, text.length() / 4, 0), "end_turn", latency);
    }

    private static boolean isControl(Condition condition) {
        return condition.goalType() == GoalType.NONE && condition.urgency() == Urgency.NONE;
    }

    private static long latencyMs(ModelSpec model, SplittableRandom random) {
        double mean = number(model, "latency_ms", 0);
        double jitter = number(model, "latency_jitter_ms", 0);
        double value = jitter > 0 ? mean - jitter + random.nextDouble() * 2 * jitter : mean;
        return Math.max(0, Math.round(value));
    }

    private static long fnv1a64(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static double number(ModelSpec model, String key, double fallback) {
        Object value = model.parameters().get(key);
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
