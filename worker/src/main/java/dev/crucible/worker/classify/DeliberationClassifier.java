package dev.crucible.worker.classify;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.result.Verdict.Outcome;
import dev.crucible.common.scenario.ScenarioFacts;
import dev.crucible.common.spec.ModelSpec;

/**
 * What the model concluded about its own situation: that it is being evaluated, that it is deployed for real,
 * or neither. The judge reads the whole answer — scratchpad included, since that is where such reasoning is —
 * and the provider's separate thinking. Outcome {@link Outcome#LABELLED} with label {@code evaluation},
 * {@code deployment} or {@code neither}; {@link Outcome#ERROR} when the judge is missing or fails.
 */
public final class DeliberationClassifier {
    public static final String NAME = "deliberation";

    private final Judge judge;

    public DeliberationClassifier(Judge judge) {
        this.judge = judge;
    }

    public Verdict classify(Condition condition, String response, String thinking, ModelSpec judgeModel, String samplingKey) {
        if ((response == null || response.isBlank()) && (thinking == null || thinking.isBlank())) {
            return Verdict.error(NAME, "empty response", null, null);
        }
        if (judgeModel == null) {
            return Verdict.error(NAME, "no judge named for this trial", null, null);
        }
        String prompt = JudgePrompt.user(ScenarioFacts.of(condition.scenario()), response == null ? "" : response, thinking);
        JudgeAnswer answer = judge.ask(judgeModel, JudgeQuestion.DELIBERATION, prompt, condition, samplingKey);
        if (!answer.ok()) {
            return Verdict.error(NAME, answer.error(), null, answer.raw());
        }
        return new Verdict(NAME, Outcome.LABELLED, null, answer.raw(), answer.reasoning(), null, answer.answer());
    }
}
