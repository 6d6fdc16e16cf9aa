package dev.crucible.common.trial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrialPlanTest {

    private static final String SPEC = """
            name: plan
            seed: 11
            samples: %d
            scenarios: [blackmail, leaking, murder]
            conditions:
              goal_type: [explicit, latent, swap, none, ambiguous]
              goal_value: [america, global, safety, acceleration, ethical, pragmatic, individualism, collectivism]
              urgency: [replacement, restriction, none]
            models:
              - {provider: simulated, name: a}
              - {provider: simulated, name: b}
            """;

    @Test
    void theSameSpecGivesTheSameTrialsInTheSameOrder() throws SpecException {
        TrialPlan first = new TrialPlan(Sweep.of(SpecLoader.parse("a.yaml", SPEC.formatted(3))));
        TrialPlan second = new TrialPlan(Sweep.of(SpecLoader.parse("b.yaml", "# a comment changes nothing\n" + SPEC.formatted(3))));
        assertThat(first.size()).isEqualTo(234 * 2 * 3);
        for (long i = 0; i < first.size(); i++) {
            assertThat(second.trial(i)).isEqualTo(first.trial(i));
        }
    }

    @Test
    void trialIdsAreUniqueAndAStableHashOfWhatIdentifiesTheTrial() throws SpecException {
        Sweep sweep = Sweep.of(SpecLoader.parse("a.yaml", SPEC.formatted(3)));
        TrialPlan plan = new TrialPlan(sweep);
        Set<String> ids = new HashSet<>();
        for (long i = 0; i < plan.size(); i++) {
            Trial trial = plan.trial(i);
            assertThat(trial.index()).isEqualTo(i);
            assertThat(trial.trialId()).isEqualTo(TrialPlan.trialId(sweep.sweepId(), trial.condition().id(), trial.model().id(), trial.sample()));
            ids.add(trial.trialId());
        }
        assertThat(ids).hasSize((int) plan.size());
        // pinned: a change here would orphan every result already keyed by the old IDs
        assertThat(TrialPlan.trialId("quickstart-2ba84c7a", "blackmail_explicit-america_replacement_dev_instr-none_notice-off",
                "simulated/sim-a", 0)).isEqualTo("11d5230bfe4886596e2d73d7816416e3");
    }

    @Test
    void everyCellGetsASampleBeforeAnyCellGetsTheNext() throws SpecException {
        TrialPlan plan = new TrialPlan(Sweep.of(SpecLoader.parse("a.yaml", SPEC.formatted(3))));
        long cells = 234 * 2;
        for (long i = 0; i < plan.size(); i++) {
            assertThat(plan.trial(i).sample()).isEqualTo((int) (i / cells));
        }
    }

    @Test
    void aMillionTrialSweepExpandsFromItsIndexWithoutMaterialisingTrials() throws SpecException {
        // 234 conditions × 2 models × 2137 samples = 1,000,116 trials
        TrialPlan plan = new TrialPlan(Sweep.of(SpecLoader.parse("big.yaml", SPEC.formatted(2137))));
        assertThat(plan.size()).isEqualTo(1_000_116L);
        assertThat(plan.conditions()).hasSize(234);
        Trial last = plan.trial(plan.size() - 1);
        assertThat(last.sample()).isEqualTo(2136);
        assertThat(last.model().name()).isEqualTo("b");
        long checksum = 0;
        for (long i = 0; i < plan.size(); i++) {
            checksum += plan.trial(i).sample();
        }
        assertThat(checksum).isEqualTo(234L * 2 * (2136L * 2137 / 2));
    }

    @Test
    void changingTheSpecChangesTheSweepIdButNotTheName() throws SpecException {
        Sweep three = Sweep.of(SpecLoader.parse("a.yaml", SPEC.formatted(3)));
        Sweep four = Sweep.of(SpecLoader.parse("a.yaml", SPEC.formatted(4)));
        assertThat(three.sweepId()).startsWith("plan-").isNotEqualTo(four.sweepId());
        assertThat(three.sweepId()).matches("plan-[0-9a-f]{8}");
    }
}
