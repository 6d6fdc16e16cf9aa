package dev.crucible.coordinator.plan;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.scenario.PromptRenderer;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Estimates a sweep's token volume per scenario and model before anything runs, so a user sees the cost of a
 * spec before paying it. Stateless and thread-safe.
 *
 * <p><b>Input tokens</b> come from real renders: the characters of the system and user prompts divided by
 * {@value #CHARS_PER_TOKEN} (the usual rule of thumb for English text with current tokenizers; expect ±20%
 * per vendor). Each scenario averages at most {@value #SAMPLED_RENDERS} of its conditions, drawn with a fixed
 * seed so the plan is the same every time; the prompts of one scenario differ by a few hundred characters
 * between conditions, so a sample is enough, and a sweep's size never changes how long planning takes.
 *
 * <p><b>Output tokens</b> are an assumption, not a measurement: {@value #OUTPUT_TOKENS_DEV} per trial with the
 * scratchpad (development, where models reason at length before acting) and {@value #OUTPUT_TOKENS_PROD}
 * without it (production: the reply and its tool calls). A caller may replace both with one figure.
 */
public final class TokenEstimator {
    public static final int CHARS_PER_TOKEN = 4;
    public static final int SAMPLED_RENDERS = 48;
    public static final int OUTPUT_TOKENS_DEV = 1_000;
    public static final int OUTPUT_TOKENS_PROD = 400;

    private final PromptRenderer renderer;
    private final OptionalInt outputTokensPerTrial;

    /** @param outputTokensPerTrial replaces the assumed output per trial when present */
    public TokenEstimator(PromptRenderer renderer, OptionalInt outputTokensPerTrial) {
        this.renderer = renderer;
        this.outputTokensPerTrial = outputTokensPerTrial;
    }

    /** One estimate per scenario × model of the spec, scenarios in spec order, then models in spec order. */
    public List<TokenEstimate> estimate(SweepSpec spec) {
        List<Condition> all = spec.space().conditions();
        List<TokenEstimate> out = new ArrayList<>();
        for (Scenario scenario : spec.space().scenarios()) {
            List<Condition> conditions = all.stream().filter(c -> c.scenario() == scenario).toList();
            List<Condition> sample = sample(conditions, scenario);
            double inputPerTrial = sample.stream().mapToLong(c -> renderer.render(c).length()).average().orElse(0) / CHARS_PER_TOKEN;
            long outputPerSample = conditions.stream().mapToLong(this::outputTokens).sum();
            long trials = (long) conditions.size() * spec.samples();
            for (ModelSpec model : spec.models()) {
                out.add(new TokenEstimate(scenario, model, conditions.size(), trials, Math.round(inputPerTrial * trials),
                        outputPerSample * spec.samples(), sample.size()));
            }
        }
        return List.copyOf(out);
    }

    private long outputTokens(Condition condition) {
        return outputTokensPerTrial.orElse(condition.deployment() == Deployment.DEVELOPMENT ? OUTPUT_TOKENS_DEV : OUTPUT_TOKENS_PROD);
    }

    // A seeded shuffle rather than every k-th condition: the grid's order is periodic in each dimension, and
    // a fixed stride can land on the same notice or deployment value every time.
    private static List<Condition> sample(List<Condition> conditions, Scenario scenario) {
        if (conditions.size() <= SAMPLED_RENDERS) {
            return conditions;
        }
        List<Condition> shuffled = new ArrayList<>(conditions);
        Collections.shuffle(shuffled, new Random(scenario.ordinal()));
        return shuffled.subList(0, SAMPLED_RENDERS);
    }
}
