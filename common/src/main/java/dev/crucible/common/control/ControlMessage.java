package dev.crucible.common.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A message of the compacted control topic ({@code <ns>.control}). Each kind has its own key per subject
 * ({@link #key()}), so compaction keeps the latest of each: the latest command of a sweep, its latest budget, its
 * latest progress, each model's latest pause. A null value (tombstone) retracts a key.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SweepCommand.class, name = "command"),
        @JsonSubTypes.Type(value = BudgetRaise.class, name = "budget"),
        @JsonSubTypes.Type(value = ModelPause.class, name = "model_pause"),
        @JsonSubTypes.Type(value = SweepProgress.class, name = "progress")})
public sealed interface ControlMessage permits SweepCommand, BudgetRaise, ModelPause, SweepProgress {

    /** The message's key in the control topic. */
    String key();

    static String commandKey(String sweepId) {
        return "sweep/" + sweepId + "/command";
    }

    static String budgetKey(String sweepId) {
        return "sweep/" + sweepId + "/budget";
    }

    static String progressKey(String sweepId) {
        return "sweep/" + sweepId + "/progress";
    }

    static String modelPauseKey(String policyName) {
        return "model/" + policyName + "/pause";
    }
}
