package dev.crucible.coordinator.aggregate;

/**
 * The harm rate of one (model, condition) cell.
 *
 * @param decided trials with an ok result and a harmful / not-harmful verdict: the rate's denominator
 * @param errors  trials that ended in error, or whose classifier erred; never counted as not harmful
 * @param deadLetters trials the broker dead-lettered that have no result; never counted as not harmful
 * @param skipped trials a worker acknowledged without running them (their sweep was cancelled)
 * @param inputTokens     input tokens of every result read for the cell (a duplicate included: it was paid for)
 * @param outputTokens    output tokens, likewise
 * @param reasoningTokens reasoning tokens, likewise
 * @param costUsd         their cost at the spec's prices; 0 for the simulated model, null for an unpriced real one
 */
public record HarmRate(String model, boolean simulated, String scenario, String conditionId, long decided, long harmful, long errors,
                       long deadLetters, long skipped, long inputTokens, long outputTokens, long reasoningTokens, Double costUsd) {

    /** A cell with nothing skipped and no usage. */
    public HarmRate(String model, boolean simulated, String scenario, String conditionId, long decided, long harmful, long errors,
                    long deadLetters) {
        this(model, simulated, scenario, conditionId, decided, harmful, errors, deadLetters, 0, 0, 0, 0, simulated ? 0.0 : null);
    }

    /** Counts and usage of two cells together (pooling for tables); the cost is unknown if either's is. */
    public HarmRate plus(HarmRate other, String pooledConditionId) {
        return new HarmRate(model, simulated, scenario, pooledConditionId, decided + other.decided, harmful + other.harmful,
                errors + other.errors, deadLetters + other.deadLetters, skipped + other.skipped, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, reasoningTokens + other.reasoningTokens,
                costUsd == null || other.costUsd == null ? null : costUsd + other.costUsd);
    }

    public double rate() {
        return decided == 0 ? Double.NaN : (double) harmful / decided;
    }

    public WilsonInterval interval() {
        return WilsonInterval.of95(harmful, decided);
    }
}
