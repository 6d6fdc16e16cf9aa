package dev.crucible.common.control;

import java.util.List;
import java.util.Objects;

/**
 * A coordinator's periodic account of one sweep, so that {@code crucible status} works from any machine that
 * reaches Kafka. Published every few seconds while the sweep runs and once more when the coordinator stops.
 *
 * @param state        the manifest's state token (running, paused, cancelled, completed)
 * @param cause        why the sweep is in that state (user, budget, completed), or null
 * @param message      the state's explanation, or null
 * @param done         finished trials: results, dead letters and skipped trials
 * @param errors       results that erred or could not be classified
 * @param queued       trials published and not finished: what still runs even while paused or over budget (at most
 *                     the window)
 * @param window       the most trials outstanding at once
 * @param trialsPerSecond this run's average rate
 * @param etaSeconds   at that rate, or -1 when unknown
 * @param budget       the effective budget (the spec's, raised by resume), or null when unlimited
 * @param spentUsd     cost of every priced result so far
 * @param spentTokens  tokens of every result so far
 * @param pausedModels models paused across the fleet, with why
 * @param coordinator  where the coordinator runs (host and process)
 */
public record SweepProgress(String sweepId, String state, String cause, String message, boolean simulated, long total, long done,
        long results, long errors, long deadLetters, long skipped, long duplicates, long queued, long window, double trialsPerSecond,
        long etaSeconds, List<ModelProgress> models, dev.crucible.common.spec.Budget budget, double spentUsd, long spentTokens,
        List<ModelPause> pausedModels, String coordinator, long atMs) implements ControlMessage {

    public SweepProgress {
        Objects.requireNonNull(sweepId, "sweepId");
        models = models == null ? List.of() : List.copyOf(models);
        pausedModels = pausedModels == null ? List.of() : List.copyOf(pausedModels);
    }

    @Override
    public String key() {
        return ControlMessage.progressKey(sweepId);
    }

    /**
     * One model's share of the sweep.
     *
     * @param costUsd null when the model is real and unpriced
     */
    public record ModelProgress(String model, boolean simulated, long total, long done, long errors, long skipped,
            double trialsPerSecond, long inputTokens, long outputTokens, long reasoningTokens, Double costUsd) {
    }
}
