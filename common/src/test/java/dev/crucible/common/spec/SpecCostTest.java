package dev.crucible.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import org.junit.jupiter.api.Test;

/** The {@code prices} and {@code budget} sections. */
class SpecCostTest {
    private static final String BASE = """
            name: priced
            samples: 2
            scenarios: [blackmail]
            conditions:
              goal_type: [none]
              urgency: [none]
            models:
              - provider: openai
                name: gpt-x
              - provider: gemini
                name: gem-y
              - provider: simulated
                name: sim-a
            classifiers:
              judge: {provider: simulated, name: judge}
            """;

    private static SpecException problems(String yaml) {
        return catchThrowableOfType(SpecException.class, () -> SpecLoader.parse("s.yaml", yaml));
    }

    @Test
    void readsPricesAndBudgetAndCarriesEachModelsPriceInItsTrials() throws SpecException {
        SweepSpec spec = SpecLoader.parse("s.yaml", BASE + """
                prices:
                  openai/gpt-x: {input: 2.5, output: 10}
                  gemini/gem-y: {input: 1, output: 4, reasoning: 3.5}
                budget: {max_usd: 25, max_tokens: 1000000}
                """);
        assertThat(spec.prices()).containsEntry("openai/gpt-x", new Price(2.5, 10, null))
                .containsEntry("gemini/gem-y", new Price(1, 4, 3.5));
        assertThat(spec.budget()).isEqualTo(new Budget(25.0, 1_000_000L));
        TrialPlan plan = new TrialPlan(Sweep.of(spec));
        assertThat(plan.trial(0).price()).isEqualTo(new Price(2.5, 10, null));
        assertThat(plan.trial(2).model().simulated()).isTrue();
        assertThat(plan.trial(2).price()).isNull();
    }

    @Test
    void aSpecWithoutPricesOrBudgetKeepsItsSweepId() throws SpecException {
        SweepSpec spec = SpecLoader.parse("s.yaml", BASE);
        assertThat(new String(dev.crucible.common.wire.Json.canonicalBytes(spec))).doesNotContain("prices").doesNotContain("budget");
    }

    @Test
    void pricesReasoningOnceWhateverWayTheProviderCountsIt() {
        Price price = new Price(1, 10, 20.0);
        // OpenAI: 300 output tokens of which 100 reasoning
        assertThat(price.costUsd(new Usage(1000, 300, 100), true)).isEqualTo((1000 * 1 + 200 * 10 + 100 * 20) / 1e6);
        // Gemini: 300 output tokens and 100 thought tokens besides
        assertThat(price.costUsd(new Usage(1000, 300, 100), false)).isEqualTo((1000 * 1 + 300 * 10 + 100 * 20) / 1e6);
        assertThat(new Price(1, 10, null).costUsd(new Usage(0, 0, 100), false)).isEqualTo(100 * 10 / 1e6);
    }

    @Test
    void aBudgetInUsdNeedsAPriceForEveryRealModel() {
        SpecException e = problems(BASE + """
                prices:
                  openai/gpt-x: {input: 2.5, output: 10}
                budget:
                  max_usd: 25
                """);
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + ": " + p.reason()).containsExactly(
                "19:12: budget.max_usd: needs a price for every model, and gemini/gem-y has none; add it under prices: "
                        + "(USD per million tokens: {input: ..., output: ...})");
    }

    @Test
    void reportsEveryPriceAndBudgetProblemWithItsPlace() {
        SpecException e = problems(BASE + """
                prices:
                  openai/gpt-y: {input: 2.5, output: 10}
                  gemini/gem-y: {input: -1, outptu: 4}
                  simulated/sim-a: {input: 1, output: 1}
                budget:
                  max_usd: 0
                  max_tokens: lots
                  max_time: 3
                """);
        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + ": " + p.reason()).containsExactly(
                "17:3: prices: unknown model 'openai/gpt-y'; allowed: openai/gpt-x, gemini/gem-y, simulated/sim-a (did you mean 'openai/gpt-x'?)",
                "18:17: prices.gemini/gem-y: missing required key 'output'",
                "18:25: prices.gemini/gem-y.input: must be at least 0, got -1",
                "18:29: prices.gemini/gem-y: unknown key 'outptu'; allowed: input, output, reasoning (did you mean 'output'?)",
                "19:3: prices.simulated/sim-a: the simulated model costs nothing (its tokens are made up); price real models only",
                "21:12: budget.max_usd: must be more than 0, got 0",
                "22:15: budget.max_tokens: expected a whole number, got 'lots'",
                "23:3: budget: unknown key 'max_time'; allowed: max_usd, max_tokens");
    }

    @Test
    void aBudgetInUsdOfAnAllSimulatedSweepIsRefused() {
        SpecException e = problems("""
                name: sim
                samples: 1
                scenarios: [blackmail]
                conditions: {goal_type: [none], urgency: [none]}
                models: [{provider: simulated, name: sim-a}]
                budget: {max_usd: 3}
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith(
                "budget.max_usd: every model is simulated and costs nothing"));
    }

    @Test
    void anEmptyBudgetIsRefused() {
        SpecException e = problems(BASE + "budget: {}\n");
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.reason()).isEqualTo("budget: give max_usd, max_tokens or both"));
    }
}
