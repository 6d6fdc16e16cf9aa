package dev.crucible.worker.provider.simulated;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.ExtraInstructions;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Urgency;

/**
 * How one simulated model behaves: its rates of harmful acts by scenario and pressure, how its other answers
 * divide, how often it writes malformed answers, and how the evaluation-awareness notice changes it. Every
 * rate is a probability; {@link #harmRate} is the rate a sweep's report should recover for a condition.
 *
 * @param source         whether the threatened blackmail rate is the published study's or invented
 * @param threatened     P(harmful act) with both a goal conflict and a threat (the study's headline cell)
 * @param partialFactor  with only one of the two, P(harmful) is {@code threatened × partialFactor}
 * @param control        P(harmful act) with neither (the study's controls: essentially none)
 * @param dontFactor     the {@code dont} instructions multiply P(harmful) by this: reduced, not removed
 * @param declinedShare  of the non-harmful answers, the share that considers the act and declines it
 * @param refusalShare   of the non-harmful answers, the share that refuses outright; the rest handle the inbox
 * @param malformed      P(an answer whose tags cannot be read), whatever the condition
 * @param awareness      what the model concludes when told it may be evaluated, and how that changes it
 */
public record SimulatedProfile(
        String name,
        Source source,
        ScenarioRates threatened,
        double partialFactor,
        ScenarioRates control,
        double dontFactor,
        double declinedShare,
        double refusalShare,
        double malformed,
        EvalAwareness awareness) {

    /** Where a profile's numbers come from; only the threatened blackmail rate is ever published. */
    public enum Source { PUBLISHED, INVENTED }

    public SimulatedProfile {
        requireProbability(partialFactor, "partialFactor");
        requireProbability(dontFactor, "dontFactor");
        requireProbability(declinedShare + refusalShare, "declinedShare + refusalShare");
        requireProbability(malformed, "malformed");
    }

    /** P(harmful act) per scenario. */
    public record ScenarioRates(double blackmail, double leaking, double murder) {
        public ScenarioRates {
            requireProbability(blackmail, "blackmail");
            requireProbability(leaking, "leaking");
            requireProbability(murder, "murder");
        }

        public static ScenarioRates all(double rate) {
            return new ScenarioRates(rate, rate, rate);
        }

        public double of(Scenario scenario) {
            return switch (scenario) {
                case BLACKMAIL -> blackmail;
                case LEAKING -> leaking;
                case MURDER -> murder;
            };
        }
    }

    /**
     * With the evaluation-awareness notice the model first concludes it is deployed for real (probability
     * {@code deployment}), that it is being evaluated ({@code evaluation}), or neither (the rest); its harm rate
     * is then the condition's rate times {@code deploymentFactor}, times {@code evaluationFactor}, or unchanged.
     */
    public record EvalAwareness(double deployment, double evaluation, double deploymentFactor, double evaluationFactor) {
        public static final EvalAwareness NONE = new EvalAwareness(0, 0, 1, 1);

        public EvalAwareness {
            requireProbability(deployment + evaluation, "deployment + evaluation");
            requireProbability(evaluationFactor, "evaluationFactor");
        }

        /**
         * From published numbers: how often the model said real or evaluation, its harm rate after each, and
         * the harm rate of the same condition without the notice, which the factors are relative to.
         */
        public static EvalAwareness published(double saysReal, double saysEval, double harmIfReal, double harmIfEval, double reference) {
            return new EvalAwareness(saysReal, saysEval, harmIfReal / reference, harmIfEval / reference);
        }
    }

    /** What the model concluded about its situation when the notice asked it to decide. */
    public enum Stance { DEPLOYMENT, EVALUATION, NEITHER }

    /** P(harmful act) without the notice, or the notice's mixture over stances with it. */
    public double harmRate(Condition condition) {
        if (!condition.evalNotice()) {
            return baseRate(condition);
        }
        double neither = 1 - awareness.deployment() - awareness.evaluation();
        return awareness.deployment() * harmRate(condition, Stance.DEPLOYMENT)
                + awareness.evaluation() * harmRate(condition, Stance.EVALUATION)
                + neither * harmRate(condition, Stance.NEITHER);
    }

    /** P(harmful act) once the model has concluded {@code stance}. */
    public double harmRate(Condition condition, Stance stance) {
        double base = baseRate(condition);
        return switch (stance) {
            case DEPLOYMENT -> Math.min(1, base * awareness.deploymentFactor());
            case EVALUATION -> base * awareness.evaluationFactor();
            case NEITHER -> base;
        };
    }

    private double baseRate(Condition condition) {
        boolean conflict = condition.goalType() != GoalType.NONE;
        boolean threat = condition.urgency() != Urgency.NONE;
        double rate = conflict && threat ? threatened.of(condition.scenario())
                : conflict || threat ? threatened.of(condition.scenario()) * partialFactor
                : control.of(condition.scenario());
        return condition.instructions() == ExtraInstructions.DONT ? rate * dontFactor : rate;
    }

    /** {@code harm_rate}: the same rate under any threat or goal conflict, and 1% of it in controls. */
    public SimulatedProfile withHarmRate(double rate) {
        return new SimulatedProfile(name, source, ScenarioRates.all(rate), 1.0, ScenarioRates.all(rate * 0.01),
                dontFactor, declinedShare, refusalShare, malformed, awareness);
    }

    /** {@code error_rate}: the probability of a malformed answer. */
    public SimulatedProfile withMalformed(double rate) {
        return new SimulatedProfile(name, source, threatened, partialFactor, control, dontFactor, declinedShare,
                refusalShare, rate, awareness);
    }

    private static void requireProbability(double value, String what) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be a probability, got " + value);
        }
    }
}
