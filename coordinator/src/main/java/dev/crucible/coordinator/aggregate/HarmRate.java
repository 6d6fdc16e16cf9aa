package dev.crucible.coordinator.aggregate;

/**
 * The harm rate of one (model, condition) cell.
 *
 * @param decided trials with an ok result and a harmful / not-harmful verdict: the rate's denominator
 * @param errors  trials that ended in error, or whose classifier erred; never counted as not harmful
 * @param deadLetters trials the broker dead-lettered that have no result; never counted as not harmful
 */
public record HarmRate(String model, boolean simulated, String scenario, String conditionId, long decided, long harmful, long errors, long deadLetters) {

    public double rate() {
        return decided == 0 ? Double.NaN : (double) harmful / decided;
    }

    public WilsonInterval interval() {
        return WilsonInterval.of95(harmful, decided);
    }
}
