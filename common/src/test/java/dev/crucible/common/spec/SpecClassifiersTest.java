package dev.crucible.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code classifiers} section and the simulated model's {@code profile} parameter. */
class SpecClassifiersTest {
    private static final String BASE = """
            name: judged
            samples: 2
            scenarios: [blackmail]
            conditions:
              goal_type: [none]
              urgency: [none]
            models:
              - provider: simulated
                name: sim-a
                parameters: {profile: sim-opus-4}
            """;

    @Test
    void anAllSimulatedSweepDefaultsToTheSimulatedJudge() throws SpecException {
        SweepSpec spec = SpecLoader.parse("s.yaml", BASE);
        assertThat(spec.classifiers().judge()).isEqualTo(Classifiers.SIMULATED_JUDGE);
        assertThat(spec.models().getFirst().parameters()).containsEntry("profile", "sim-opus-4");
    }

    @Test
    void readsTheJudgeNamedInTheSpecAndCarriesItInEveryTrial() throws SpecException {
        SweepSpec spec = SpecLoader.parse("s.yaml", BASE + """
                classifiers:
                  judge: {provider: simulated, name: strict-judge, parameters: {error_rate: 0.1}}
                """);
        ModelSpec judge = new ModelSpec("simulated", "strict-judge", Map.of("error_rate", 0.1));
        assertThat(spec.classifiers().judge()).isEqualTo(judge);
        assertThat(new TrialPlan(Sweep.of(spec)).trial(0).judge()).isEqualTo(judge);
    }

    @Test
    void theJudgeIsPartOfTheSweepsIdentity() throws SpecException {
        String other = BASE + "classifiers: {judge: {provider: simulated, name: other}}\n";
        assertThat(Sweep.of(SpecLoader.parse("a.yaml", BASE)).sweepId())
                .isNotEqualTo(Sweep.of(SpecLoader.parse("b.yaml", other)).sweepId());
    }

    @Test
    void reportsProblemsInTheClassifiersSectionWithTheirLines() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.parse("s.yaml", BASE + """
                classifiers:
                  judgee: {provider: simulated, name: j}
                """));
        assertThat(e.problems()).extracting(p -> p.line() + ": " + p.reason()).containsExactly(
                "12: classifiers: unknown key 'judgee'; allowed: judge (did you mean 'judge'?)",
                "12: classifiers: missing required key 'judge'");
    }

    @Test
    void reportsAnUnknownJudgeProviderAndParameter() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.parse("s.yaml", BASE + """
                classifiers:
                  judge:
                    provider: simulated
                    name: j
                    parameters: {temprature: 0}
                """));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(15);
            assertThat(p.reason()).startsWith("classifiers.judge.parameters: unknown simulated parameter 'temprature'");
        });
    }

    @Test
    void reportsAnUnknownProfileWithANearMatch() {
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> SpecLoader.parse("s.yaml", BASE.replace("sim-opus-4", "sim-opus4")));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.reason()).startsWith("models[0].parameters.profile: unknown value 'sim-opus4'")
                    .endsWith("(did you mean 'sim-opus-4'?)");
        });
    }

    @Test
    void aSweepWithARealModelHasNoDefaultJudge() {
        List<ModelSpec> mixed = List.of(new ModelSpec("simulated", "a", Map.of()), new ModelSpec("anthropic", "b", Map.of()));
        assertThat(Classifiers.defaultFor(mixed)).isEmpty();
        assertThatThrownBy(() -> new SweepSpec("x", 0, SpecLoader.parse("s.yaml", BASE).space(), mixed, 1,
                SweepSpec.Limits.defaults())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("judge");
    }
}
