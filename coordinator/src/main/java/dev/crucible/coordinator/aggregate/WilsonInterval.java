package dev.crucible.coordinator.aggregate;

/**
 * The Wilson score interval for a binomial proportion: unlike the normal approximation it stays inside
 * [0, 1] and behaves at rates of 0% and 100%, which harm rates often are.
 */
public record WilsonInterval(double low, double high) {
    /** The standard normal quantile for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public static WilsonInterval of95(long successes, long trials) {
        return of(successes, trials, Z95);
    }

    public static WilsonInterval of(long successes, long trials, double z) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials, got " + successes + "/" + trials);
        }
        if (trials == 0) {
            return new WilsonInterval(0, 1);
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        // at 0% and 100% the bound is exactly 0 or 1; rounding would otherwise print 99.99…%
        double low = successes == 0 ? 0 : Math.max(0, centre - half);
        double high = successes == trials ? 1 : Math.min(1, centre + half);
        return new WilsonInterval(low, high);
    }
}
