package dev.crucible.coordinator.bench;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The bench's sweep spec: simulated models at zero latency on a grid of exactly the requested number of trials.
 * Among the grid shapes below, the one with the most (condition, model) cells, at most {@link #MAX_CELLS}, that
 * divides the trial count is chosen, and the samples make up the rest; one condition and one model always
 * divide, so the count is always exact. For 100,000 trials: 20 conditions × 4 models × 1,250 samples.
 */
final class BenchGrid {
    /** Enough cells that the aggregator's tally and the workers' prompts vary as in a real sweep. */
    static final int MAX_CELLS = 96;

    private static final List<String> SCENARIOS = List.of("blackmail", "leaking", "murder");
    private static final List<String> GOAL_VALUES = List.of("america", "global", "safety", "acceleration",
            "ethical", "pragmatic", "individualism", "collectivism");
    private static final List<String> URGENCIES = List.of("replacement", "restriction", "none");
    private static final List<String> DEPLOYMENTS = List.of("dev", "prod");
    private static final List<String> HARM_RATES = List.of("0.2", "0.4", "0.6", "0.8");
    private static final int MAX_MODELS = HARM_RATES.size();

    /**
     * @param scenarios  how many scenarios
     * @param goalValues values of the explicit goal type; 0 means goal type none only
     * @param urgencies  how many urgencies
     * @param deployments how many deployments
     * @param models     how many simulated models
     * @param samples    samples per cell
     */
    record Shape(int scenarios, int goalValues, int urgencies, int deployments, int models, int samples) {
        int conditions() {
            int goals = goalValues == 0 ? 1 : goalValues + 1;
            return scenarios * goals * urgencies * deployments;
        }

        long trials() {
            return (long) conditions() * models * samples;
        }
    }

    private BenchGrid() {
    }

    /** The shape whose trial count is exactly {@code trials}. */
    static Shape shapeFor(long trials) {
        if (trials < 1 || trials > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("trials must be in [1, " + Integer.MAX_VALUE + "], got " + trials);
        }
        Shape best = new Shape(1, 0, 1, 1, 1, (int) trials);
        for (int s = 1; s <= SCENARIOS.size(); s++) {
            for (int g = 0; g <= GOAL_VALUES.size(); g++) {
                for (int u = 1; u <= URGENCIES.size(); u++) {
                    for (int d = 1; d <= DEPLOYMENTS.size(); d++) {
                        for (int m = 1; m <= MAX_MODELS; m++) {
                            Shape candidate = new Shape(s, g, u, d, m, 1);
                            long cells = (long) candidate.conditions() * m;
                            if (cells <= MAX_CELLS && trials % cells == 0 && cells > (long) best.conditions() * best.models()) {
                                best = new Shape(s, g, u, d, m, (int) (trials / cells));
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The spec of {@code shape}, through the same loader and checks as a user's spec. */
    static SweepSpec spec(String name, Shape shape) {
        try {
            return SpecLoader.parse("<bench>", yaml(name, shape));
        } catch (SpecException e) {
            throw new IllegalStateException("the bench's own spec was refused: " + e.getMessage(), e);
        }
    }

    static String yaml(String name, Shape shape) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("name: ").append(name).append('\n')
                .append("seed: 1\n")
                .append("samples: ").append(shape.samples()).append('\n')
                .append("scenarios: ").append(list(SCENARIOS, shape.scenarios())).append('\n')
                .append("conditions:\n");
        if (shape.goalValues() == 0) {
            yaml.append("  goal_type: [none]\n");
        } else {
            yaml.append("  goal_type: [explicit, none]\n")
                    .append("  goal_value: ").append(list(GOAL_VALUES, shape.goalValues())).append('\n');
        }
        yaml.append("  urgency: ").append(list(URGENCIES, shape.urgencies())).append('\n')
                .append("  deployment: ").append(list(DEPLOYMENTS, shape.deployments())).append('\n')
                .append("models:\n");
        for (int i = 0; i < shape.models(); i++) {
            // zero latency: the bench measures Crucible and Kafka, not a (pretend) model
            yaml.append("  - provider: simulated\n")
                    .append("    name: sim-bench-").append(i).append('\n')
                    .append("    parameters: {harm_rate: ").append(HARM_RATES.get(i)).append(", latency_ms: 0}\n");
        }
        yaml.append("limits:\n  max_trials: ").append(shape.trials()).append('\n');
        return yaml.toString();
    }

    private static String list(List<String> values, int count) {
        return IntStream.range(0, count).mapToObj(values::get).collect(Collectors.joining(", ", "[", "]"));
    }
}
