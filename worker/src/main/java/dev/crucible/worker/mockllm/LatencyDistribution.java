package dev.crucible.worker.mockllm;

import java.util.SplittableRandom;

/**
 * How long mock-llm takes to answer, in milliseconds: fixed, uniform between two bounds, or lognormal with
 * 95% of its mass between two bounds (the long tail of real model calls). Written {@code fixed:20},
 * {@code uniform:10:50} or {@code lognormal:2000:60000}; every draw is multiplied by {@code scale}, so a
 * benchmark can run the shape of 2-60 s calls in a hundredth of the time.
 */
public record LatencyDistribution(Shape shape, double low, double high, double scale) {

    public enum Shape { FIXED, UNIFORM, LOGNORMAL }

    private static final double Z95 = 1.959964;

    public LatencyDistribution {
        if (low < 0 || high < low || scale <= 0 || shape == LatencyDistribution.Shape.LOGNORMAL && low <= 0) {
            throw new IllegalArgumentException("latency: need 0 <= low <= high (low > 0 for lognormal) and scale > 0, got "
                    + shape + " " + low + ".." + high + " x" + scale);
        }
    }

    public static LatencyDistribution none() {
        return new LatencyDistribution(Shape.FIXED, 0, 0, 1);
    }

    /** Parses {@code fixed:MS}, {@code uniform:LOW:HIGH} or {@code lognormal:LOW:HIGH}. */
    public static LatencyDistribution parse(String text, double scale) {
        String[] parts = text.strip().split(":");
        try {
            return switch (parts[0]) {
                case "fixed" -> new LatencyDistribution(Shape.FIXED, Double.parseDouble(parts[1]), Double.parseDouble(parts[1]), scale);
                case "uniform" -> new LatencyDistribution(Shape.UNIFORM, Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), scale);
                case "lognormal" -> new LatencyDistribution(Shape.LOGNORMAL, Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), scale);
                default -> throw new IllegalArgumentException("latency: unknown shape '" + parts[0] + "'; use fixed, uniform or lognormal");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("latency: expected fixed:MS, uniform:LOW:HIGH or lognormal:LOW:HIGH, got '" + text + "'");
        }
    }

    long drawMillis(SplittableRandom random) {
        double ms = switch (shape) {
            case FIXED -> low;
            case UNIFORM -> low + random.nextDouble() * (high - low);
            case LOGNORMAL -> {
                double mu = (Math.log(low) + Math.log(high)) / 2;
                double sigma = (Math.log(high) - Math.log(low)) / (2 * Z95);
                yield Math.exp(mu + sigma * gaussian(random));
            }
        };
        return Math.round(ms * scale);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian of its own before JDK 17's RandomGenerator default
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
