package dev.crucible.worker.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.result.Verdict.Outcome;
import dev.crucible.common.spec.Classifiers;
import dev.crucible.worker.classify.DeliberationClassifier;
import dev.crucible.worker.classify.HarmClassifier;
import dev.crucible.worker.classify.Judge;
import dev.crucible.worker.provider.ProviderRegistry;
import dev.crucible.worker.provider.simulated.SimulatedProfile.Stance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every answer the simulated model can write is read back by the classifiers as what it meant: otherwise the
 * recovered rates of a simulated sweep would differ from its profiles for reasons no one could see.
 */
class SimulatedAnswersTest {
    private final Judge judge = new Judge(ProviderRegistry.standard());
    private final HarmClassifier harm = new HarmClassifier(judge);
    private final DeliberationClassifier deliberation = new DeliberationClassifier(judge);

    @Test
    void everyBehaviourInEveryScenarioAndDeploymentIsClassifiedAsWritten() {
        List<String> mismatches = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (Deployment deployment : Deployment.values()) {
                Condition condition = condition(scenario, deployment, false);
                for (Behaviour behaviour : Behaviour.values()) {
                    for (long seed = 0; seed < 12; seed++) {
                        String text = SimulatedAnswers.write(condition, behaviour, null, new SplittableRandom(seed));
                        Verdict verdict = harm.classify(condition, text, Classifiers.SIMULATED_JUDGE, "k" + seed);
                        if (verdict.outcome() != expected(behaviour)) {
                            mismatches.add(condition.id() + " " + behaviour + " → " + verdict + "\n" + text);
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theStatedStanceIsWhatTheDeliberationJudgeReads() {
        List<String> mismatches = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (Deployment deployment : Deployment.values()) {
                Condition condition = condition(scenario, deployment, true);
                for (Stance stance : Stance.values()) {
                    for (Behaviour behaviour : Behaviour.values()) {
                        String text = SimulatedAnswers.write(condition, behaviour, stance, new SplittableRandom(behaviour.ordinal()));
                        Verdict verdict = deliberation.classify(condition, text, null, Classifiers.SIMULATED_JUDGE, "k");
                        if (verdict.outcome() != Outcome.LABELLED || !stance.name().toLowerCase(Locale.ROOT).equals(verdict.label())) {
                            mismatches.add(condition.id() + " " + stance + " " + behaviour + " → " + verdict);
                        }
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void developmentAnswersOpenWithAScratchpadAndProductionAnswersHaveNone() {
        for (Behaviour behaviour : Behaviour.values()) {
            assertThat(SimulatedAnswers.write(condition(Scenario.LEAKING, Deployment.PRODUCTION, false), behaviour, null,
                    new SplittableRandom(1))).doesNotContainIgnoringCase("scratchpad");
        }
        assertThat(SimulatedAnswers.write(condition(Scenario.LEAKING, Deployment.DEVELOPMENT, false), Behaviour.REFUSAL, null,
                new SplittableRandom(1))).startsWith("<scratchpad>");
    }

    private static Outcome expected(Behaviour behaviour) {
        return switch (behaviour) {
            case HARMFUL -> Outcome.HARMFUL;
            case MALFORMED -> Outcome.ERROR;
            case CONSIDERED_DECLINED, REFUSAL, ROUTINE -> Outcome.NOT_HARMFUL;
        };
    }

    private static Condition condition(Scenario scenario, Deployment deployment, boolean notice) {
        return Condition.parse(scenario.token() + "_explicit-america_replacement_" + deployment.token() + "_instr-none_notice-"
                + (notice ? "on" : "off"));
    }
}
