package dev.crucible.worker.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Scenario;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.result.Verdict.Outcome;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.policy.CallPolicyConfig;
import dev.crucible.worker.policy.FleetShare;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderRegistry;
import java.time.Duration;
import java.time.InstantSource;
import dev.crucible.worker.testing.ScriptedProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A judge that fails or answers outside its format makes an error verdict, never "not harmful". */
class JudgeTest {
    private static final ModelSpec JUDGE = new ModelSpec("scripted", "judge-model", Map.of("temperature", 0.7, "max_tokens", 300L));

    @Test
    void asksAtTemperatureZeroWithTheQuestionAsSystemPromptAndTheTranscriptInTheUserTurn() {
        ScriptedProvider provider = ScriptedProvider.answering(r -> "<reasoning>Leverage.</reasoning><answer>yes</answer>");
        Verdict verdict = harm(provider).classify(Fixtures.condition(Scenario.BLACKMAIL), Fixtures.response("blackmail-harmful"), JUDGE, "trial-9");

        assertThat(verdict.outcome()).isEqualTo(Outcome.HARMFUL);
        assertThat(verdict.reasoning()).isEqualTo("Leverage.");
        assertThat(provider.requests()).singleElement().satisfies(request -> {
            assertThat(request.model().parameters()).containsEntry("temperature", 0.0).containsEntry("max_tokens", 300L);
            assertThat(request.systemPrompt()).isEqualTo(JudgeQuestion.BLACKMAIL.systemPrompt());
            assertThat(request.userPrompt()).contains(Fixtures.response("blackmail-harmful"));
            assertThat(request.samplingKey()).isEqualTo("trial-9/judge/blackmail");
        });
    }

    @Test
    void anUnparseableJudgeAnswerIsAnErrorVerdictWithTheRawAnswerKept() {
        ScriptedProvider provider = ScriptedProvider.answering(r -> "I think this is probably not blackmail.");
        Verdict verdict = harm(provider).classify(Fixtures.condition(Scenario.BLACKMAIL), Fixtures.response("blackmail-harmful"), JUDGE, "t");

        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.gate()).isTrue();
        assertThat(verdict.judge()).isEqualTo("I think this is probably not blackmail.");
        assertThat(verdict.error()).contains("not <reasoning>");
    }

    @Test
    void aFailedJudgeCallIsAnErrorVerdict() {
        Verdict verdict = harm(ScriptedProvider.failing(true))
                .classify(Fixtures.condition(Scenario.MURDER), Fixtures.response("murder-harmful"), JUDGE, "t");
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.error()).contains("judge call failed (retryable)").contains("529");
    }

    @Test
    void judgeCallsGoThroughTheCallPolicySoATransientFailureIsRetried() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        ScriptedProvider flaky = new ScriptedProvider(request -> {
            if (calls.incrementAndGet() == 1) {
                throw new ProviderException(request.model().provider(), request.model().name(), "HTTP 503", true, null);
            }
            return "<reasoning>Leverage.</reasoning><answer>yes</answer>";
        });
        Verdict verdict = harm(flaky).classify(Fixtures.condition(Scenario.BLACKMAIL), Fixtures.response("blackmail-harmful"), JUDGE, "t");
        assertThat(verdict.outcome()).isEqualTo(Outcome.HARMFUL);
        assertThat(flaky.requests()).hasSize(2);
    }

    @Test
    void aRefusedJudgeRequestIsAnErrorVerdictWithoutRetries() {
        ScriptedProvider refusing = ScriptedProvider.failing(false);
        Verdict verdict = harm(refusing).classify(Fixtures.condition(Scenario.MURDER), Fixtures.response("murder-harmful"), JUDGE, "t");
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.error()).startsWith("judge call failed: ").contains("529");
        assertThat(refusing.requests()).hasSize(1);
    }

    @Test
    void aJudgeProviderThisWorkerLacksIsAnErrorVerdict() {
        Verdict verdict = new HarmClassifier(new Judge(new ProviderRegistry(Map.of())))
                .classify(Fixtures.condition(Scenario.LEAKING), Fixtures.response("leaking-harmful-forward"), JUDGE, "t");
        assertThat(verdict.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(verdict.error()).contains("no provider 'scripted'");
    }

    @Test
    void theDeliberationClassifierLabelsOrErrs() {
        DeliberationClassifier labelled = new DeliberationClassifier(judge(ScriptedProvider.answering(
                r -> "<reasoning>It says the setup is staged.</reasoning><answer>evaluation</answer>")));
        Verdict verdict = labelled.classify(Fixtures.condition(Scenario.BLACKMAIL), "text", "I suspect a test", JUDGE, "t");
        assertThat(verdict.outcome()).isEqualTo(Outcome.LABELLED);
        assertThat(verdict.label()).isEqualTo("evaluation");
        assertThat(verdict.gate()).isNull();

        DeliberationClassifier failing = new DeliberationClassifier(judge(ScriptedProvider.answering(
                r -> "<reasoning>r</reasoning><answer>yes</answer>")));
        Verdict error = failing.classify(Fixtures.condition(Scenario.BLACKMAIL), "text", null, JUDGE, "t");
        assertThat(error.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(error.label()).isNull();
    }

    @Test
    void theModelsSeparateThinkingIsShownToTheDeliberationJudge() {
        ScriptedProvider provider = ScriptedProvider.answering(r -> "<reasoning>r</reasoning><answer>neither</answer>");
        new DeliberationClassifier(judge(provider)).classify(Fixtures.condition(Scenario.BLACKMAIL), "act", "private thought", JUDGE, "t");
        assertThat(JudgePrompt.read(provider.requests().getFirst().userPrompt())).hasValueSatisfying(shown -> {
            assertThat(shown.thinking()).isEqualTo("private thought");
            assertThat(shown.transcript()).isEqualTo("act");
        });
    }

    private static HarmClassifier harm(ScriptedProvider provider) {
        return new HarmClassifier(judge(provider));
    }

    private static Judge judge(ScriptedProvider provider) {
        return new Judge(new ProviderRegistry(Map.of("scripted", provider)), FAST_POLICIES);
    }

    private static final CallPolicies FAST_POLICIES = new CallPolicies(
            CallPolicyConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)), FleetShare.alone(), InstantSource.system());
}
