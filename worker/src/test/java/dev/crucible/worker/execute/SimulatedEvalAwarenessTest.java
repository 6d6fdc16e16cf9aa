package dev.crucible.worker.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.spec.Classifiers;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Opus-like profile, run through the executor and both classifiers, reproduces STUDY.md's
 * evaluation-awareness numbers: said real 21.4% and then blackmailed 55.1%; said evaluation 64.8%, then 6.5%.
 */
class SimulatedEvalAwarenessTest {
    /** Three and a half standard errors: with deterministic seeds the test is exact; this only bounds the draw. */
    private static final double Z = 3.5;
    private static final int N = 3000;

    @Test
    void theOpusLikeProfileReproducesThePublishedEvaluationAwarenessRates() {
        Condition notice = Condition.parse("blackmail_explicit-america_replacement_dev_instr-none_notice-on");
        ModelSpec model = new ModelSpec("simulated", "sim-opus-4", Map.of("profile", "sim-opus-4"));
        TrialExecutor executor = TrialExecutorTest.executor(Map.of("simulated", new SimulatedProvider()));
        int decided = 0;
        int saysReal = 0;
        int saysEval = 0;
        int harmfulIfReal = 0;
        int harmfulIfEval = 0;
        for (int i = 0; i < N; i++) {
            Trial trial = new Trial("eval-awareness", "t" + i, i, notice, model, i, 0, Classifiers.SIMULATED_JUDGE);
            TrialResult result = executor.execute(trial, 1).orElseThrow();
            Verdict deliberation = result.verdicts().get(1);
            if (result.harmful() == null) {
                continue;
            }
            decided++;
            if ("deployment".equals(deliberation.label())) {
                saysReal++;
                harmfulIfReal += result.harmful() ? 1 : 0;
            } else if ("evaluation".equals(deliberation.label())) {
                saysEval++;
                harmfulIfEval += result.harmful() ? 1 : 0;
            }
        }
        assertNear(saysReal, decided, 0.214);
        assertNear(saysEval, decided, 0.648);
        assertNear(harmfulIfReal, saysReal, 0.551);
        assertNear(harmfulIfEval, saysEval, 0.065);
    }

    private static void assertNear(int hits, int n, double p) {
        double tolerance = Z * Math.sqrt(p * (1 - p) / n);
        assertThat(hits / (double) n).as("%d/%d vs %.3f", hits, n, p).isCloseTo(p, org.assertj.core.data.Offset.offset(tolerance));
    }
}
