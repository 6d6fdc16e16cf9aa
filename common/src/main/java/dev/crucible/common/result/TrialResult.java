package dev.crucible.common.result;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one trial, as published (keyed by trial ID) to the sweep's results topic and written as
 * one line of {@code results.jsonl}. Schema version {@link #SCHEMA_VERSION}.
 *
 * @param simulated true when the model was Crucible's simulated model: such a result measures nothing real
 * @param harmful   the final harm verdict; null when the trial did not finish ok or the classifier erred
 * @param attempt   which delivery produced this result, and where
 * @param costUsd   what the model's usage cost at the spec's price: 0 for the simulated model (whose tokens are made
 *                  up; {@code simulated} says so), null for a real model the spec prices not. Added in schema 1
 *                  without a version bump: readers that predate it ignore it
 */
public record TrialResult(
        int schema,
        String sweepId,
        String trialId,
        long trialIndex,
        String conditionId,
        String model,
        int sample,
        ResultStatus status,
        boolean simulated,
        String response,
        Usage usage,
        List<Verdict> verdicts,
        Boolean harmful,
        Failure failure,
        Timing timing,
        Attempt attempt,
        Double costUsd) {

    public static final int SCHEMA_VERSION = 1;

    public TrialResult {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(trialId, "trialId");
        Objects.requireNonNull(status, "status");
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
    }

    /** A result without a cost. */
    public TrialResult(int schema, String sweepId, String trialId, long trialIndex, String conditionId, String model, int sample,
            ResultStatus status, boolean simulated, String response, Usage usage, List<Verdict> verdicts, Boolean harmful,
            Failure failure, Timing timing, Attempt attempt) {
        this(schema, sweepId, trialId, trialIndex, conditionId, model, sample, status, simulated, response, usage, verdicts, harmful,
                failure, timing, attempt, null);
    }

    /** Token usage as the provider reported it. */
    public record Usage(long inputTokens, long outputTokens, long reasoningTokens) {
        public static final Usage NONE = new Usage(0, 0, 0);
    }

    /** Why a trial ended in {@link ResultStatus#ERROR}: stored as data, with whether a retry could help. */
    public record Failure(String type, String message, boolean retryable) {
    }

    /** Wall-clock instants in epoch milliseconds, and the model call's own latency. */
    public record Timing(long startedAtMs, long finishedAtMs, long modelLatencyMs) {
    }

    /** The delivery that produced this result: the share group's delivery count and the worker's ID. */
    public record Attempt(int deliveryCount, String workerId) {
    }
}
