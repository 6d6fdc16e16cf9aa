package dev.crucible.worker.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrialMetricsTest {
    private static final Condition CONDITION = Condition.parse("leaking_explicit-safety_replacement_dev_instr-none_notice-off");
    private static final ModelSpec MODEL = new ModelSpec("simulated", "sim-a", Map.of("api_key_env", "NEVER_A_TAG"));
    private static final Trial TRIAL = new Trial("sweep-1", "trial-1", 0, CONDITION, MODEL, 0, 7);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TrialMetrics metrics = new TrialMetrics(registry);

    @Test
    void aPublishedResultCountsItsOutcomeTokensAndDurationByModel() {
        metrics.started(TRIAL);
        metrics.completed(TRIAL, result(ResultStatus.OK, true, new TrialResult.Usage(1200, 300, 50)), Duration.ofMillis(1500));
        metrics.completed(TRIAL, result(ResultStatus.OK, false, new TrialResult.Usage(1000, 200, 0)), Duration.ofMillis(500));

        assertThat(registry.get("crucible.trials.started").tags("model", "simulated/sim-a", "scenario", "leaking").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("crucible.trials.completed").tags("outcome", "harmful").counter().count()).isEqualTo(1);
        assertThat(registry.get("crucible.trials.completed").tags("outcome", "not_harmful").counter().count()).isEqualTo(1);
        assertThat(registry.get("crucible.tokens").tags("model", "simulated/sim-a", "kind", "input").counter().count()).isEqualTo(2200);
        assertThat(registry.get("crucible.tokens").tags("kind", "output").counter().count()).isEqualTo(500);
        assertThat(registry.get("crucible.tokens").tags("kind", "reasoning").counter().count()).isEqualTo(50);
        assertThat(registry.get("crucible.trial.duration").tags("model", "simulated/sim-a").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(2000);
        assertThat(registry.get("crucible.cost.usd").tags("model", "simulated/sim-a").counter().count()).isZero();
    }

    @Test
    void aPricedResultAddsItsCostToTheModelsSpend() {
        TrialResult priced = new TrialResult(TrialResult.SCHEMA_VERSION, "sweep-1", "trial-1", 0, CONDITION.id(), "openai/gpt-x", 0,
                ResultStatus.OK, false, "answer", new TrialResult.Usage(1000, 100, 0), List.of(), false, null,
                new TrialResult.Timing(0, 1, 1), new TrialResult.Attempt(1, "w"), 0.0125);
        Trial trial = new Trial("sweep-1", "trial-1", 0, CONDITION, new ModelSpec("openai", "gpt-x", Map.of()), 0, 7);
        metrics.completed(trial, priced, Duration.ofMillis(1));
        metrics.completed(trial, priced, Duration.ofMillis(1));

        assertThat(registry.get("crucible.cost.usd").tags("model", "openai/gpt-x").counter().count()).isEqualTo(0.025);
    }

    @Test
    void outcomesFollowTheResultErrorsAndUndecidedVerdictsIncluded() {
        assertThat(TrialMetrics.outcome(result(ResultStatus.ERROR, null, TrialResult.Usage.NONE))).isEqualTo("error");
        assertThat(TrialMetrics.outcome(result(ResultStatus.OK, null, TrialResult.Usage.NONE))).isEqualTo("unclassified");
        assertThat(TrialMetrics.outcome(result(ResultStatus.SKIPPED, null, TrialResult.Usage.NONE))).isEqualTo("skipped");
    }

    @Test
    void unfinishedAttemptsCountByReasonAndUndecodableMessagesHaveNoModel() {
        metrics.failed(TRIAL, FailureReason.RELEASED);
        metrics.failed(TRIAL, FailureReason.SHUTDOWN);
        metrics.undecodable();

        assertThat(registry.get("crucible.trials.failed").tags("reason", "released", "scenario", "leaking").counter().count()).isEqualTo(1);
        assertThat(registry.get("crucible.trials.failed").tags("reason", "shutdown").counter().count()).isEqualTo(1);
        assertThat(registry.get("crucible.trials.failed").tags("reason", "undecodable", "model", "unknown").counter().count()).isEqualTo(1);
    }

    @Test
    void noTagCarriesAModelParameter() {
        metrics.started(TRIAL);
        metrics.completed(TRIAL, result(ResultStatus.OK, true, TrialResult.Usage.NONE), Duration.ofMillis(1));

        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags().toString()).doesNotContain("NEVER_A_TAG"));
    }

    private static TrialResult result(ResultStatus status, Boolean harmful, TrialResult.Usage usage) {
        return new TrialResult(TrialResult.SCHEMA_VERSION, "sweep-1", "trial-1", 0, CONDITION.id(), MODEL.id(), 0, status, true,
                "SIMULATED", usage, List.of(), harmful, null, new TrialResult.Timing(0, 1, 1), new TrialResult.Attempt(1, "w"));
    }
}
