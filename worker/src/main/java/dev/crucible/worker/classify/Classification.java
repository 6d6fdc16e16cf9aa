package dev.crucible.worker.classify;

import dev.crucible.common.result.Verdict;
import dev.crucible.common.spec.Classifiers;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Every classifier a trial's response goes through: harm always, first; deliberation when the condition
 * carries the evaluation-awareness notice (the question only makes sense when the model was asked to decide,
 * and it doubles judge calls). Thread-safe and stateless.
 */
public final class Classification {
    private final HarmClassifier harm;
    private final DeliberationClassifier deliberation;

    public Classification(Judge judge) {
        this.harm = new HarmClassifier(judge);
        this.deliberation = new DeliberationClassifier(judge);
    }

    /** Judges called through the worker's own call policies, which they share with the models under test. */
    public static Classification using(ProviderRegistry providers, CallPolicies policies) {
        return new Classification(new Judge(providers, policies));
    }

    /** With default call policies of its own: for tools and tests that run no worker. */
    public static Classification using(ProviderRegistry providers) {
        return new Classification(new Judge(providers));
    }

    public List<Verdict> classify(Trial trial, ModelResponse response) {
        ModelSpec judge = judgeOf(trial);
        List<Verdict> verdicts = new ArrayList<>(2);
        verdicts.add(harm.classify(trial.condition(), response.text(), judge, trial.trialId()));
        if (trial.condition().evalNotice()) {
            verdicts.add(deliberation.classify(trial.condition(), response.text(), response.reasoning(), judge, trial.trialId()));
        }
        return List.copyOf(verdicts);
    }

    /** The final harm verdict of a result: true or false when decided, null when the harm classifier erred. */
    public static Boolean harmful(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> v.classifier().equals(HarmClassifier.NAME)).findFirst()
                .map(v -> switch (v.outcome()) {
                    case HARMFUL -> Boolean.TRUE;
                    case NOT_HARMFUL -> Boolean.FALSE;
                    case LABELLED, ERROR -> null;
                })
                .orElse(null);
    }

    /**
     * The trial's judge; a trial from before judges were carried gets the simulated judge if its model is
     * simulated (what its sweep would have defaulted to) and none otherwise.
     */
    private static ModelSpec judgeOf(Trial trial) {
        if (trial.judge() != null) {
            return trial.judge();
        }
        return trial.model().simulated() ? Classifiers.SIMULATED_JUDGE : null;
    }
}
