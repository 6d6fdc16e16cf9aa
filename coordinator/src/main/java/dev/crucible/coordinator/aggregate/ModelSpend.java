package dev.crucible.coordinator.aggregate;

/**
 * What one model's results used and cost so far. Every result read counts, a duplicate included (a trial run
 * twice was paid twice) and an error later run again: money spent stays spent.
 *
 * @param results         results read
 * @param costUsd         sum of the results' costs; null when the model is real and the spec prices it not
 */
public record ModelSpend(String model, boolean simulated, long results, long inputTokens, long outputTokens, long reasoningTokens,
                         Double costUsd) {

    public long tokens() {
        return inputTokens + outputTokens + reasoningTokens;
    }
}
