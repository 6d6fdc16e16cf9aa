package dev.crucible.coordinator.aggregate;

/**
 * The harm rate of one model in one scenario, among trials run with the evaluation-awareness notice whose
 * model concluded {@code label} (evaluation, deployment or neither): the study's "harm rate conditional on
 * saying it is real vs an evaluation".
 *
 * @param decided trials with this label and a decided harm verdict: the rate's denominator
 */
public record AwarenessRate(String model, String scenario, String label, long decided, long harmful) {

    public double rate() {
        return decided == 0 ? Double.NaN : (double) harmful / decided;
    }

    public WilsonInterval interval() {
        return WilsonInterval.of95(harmful, decided);
    }
}
